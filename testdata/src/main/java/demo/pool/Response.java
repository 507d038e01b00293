package demo.pool;

/** What a handler answers. */
public record Response(int status, String body) {
  public static Response ok(String body) {
    return new Response(200, body);
  }

  public static Response unavailable(String why) {
    return new Response(503, why);
  }

  public static Response timeout() {
    return new Response(504, "the query did not finish in time");
  }
}
