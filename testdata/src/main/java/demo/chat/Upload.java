package demo.chat;

/** A file a user attached to a message, waiting to be processed. */
public record Upload(String userId, String fileName, byte[] content) {}
