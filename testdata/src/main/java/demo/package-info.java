/**
 * A small chat service used to show what stallcheck finds: a websocket-style chat gateway
 * ({@code demo.chat}), a database connection pool with request handlers ({@code demo.pool}) and a
 * metrics pipeline ({@code demo.metrics}).
 */
package demo;
