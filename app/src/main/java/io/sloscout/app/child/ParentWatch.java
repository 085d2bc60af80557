package io.sloscout.app.child;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs another program's {@code main} in this JVM and exits when stdin reaches end-of-file: the
 * supervisor of {@code slo-scout up} holds the other end of that pipe, so a child it started never
 * outlives it, even when the supervisor is killed without a chance to stop its children. The exit
 * runs the JVM's shutdown hooks, so the program stops as on SIGTERM.
 *
 * <p>{@code java -cp ... io.sloscout.app.child.ParentWatch MAIN-CLASS [ARGS...]}
 */
public final class ParentWatch {

  private ParentWatch() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ParentWatch MAIN-CLASS [ARGS...]");
      System.exit(2);
    }
    Thread watch = new Thread(ParentWatch::awaitEndOfInput, "slo-scout-parent-watch");
    watch.setDaemon(true);
    watch.start();
    try {
      Class.forName(args[0])
          .getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void awaitEndOfInput() {
    try (InputStream in = System.in) {
      byte[] buffer = new byte[256];
      while (in.read(buffer) >= 0) {
        // the supervisor never writes; anything read is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same as end-of-file
    }
    System.err.println("the slo-scout up supervisor is gone; stopping");
    System.exit(0);
  }
}
