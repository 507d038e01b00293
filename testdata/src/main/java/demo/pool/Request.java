package demo.pool;

/** An HTTP request for the reporting API, reduced to what the handlers need. */
public record Request(String path, String query) {}
