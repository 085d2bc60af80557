package io.sloscout.app.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks, before anything starts, that the ports the stack is told to use are free. */
public final class Ports {

  /**
   * A port something will listen on.
   *
   * @param what what listens there, for a person ("the web UI and REST API")
   * @param port the port; 0 means any free port and is never checked
   * @param flag the option that sets it ({@code --http-port})
   */
  public record Claim(String what, int port, String flag) {
    public Claim {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(flag + ": a port is 0-65535, got " + port);
      }
    }
  }

  /** A port that cannot be used, with a message that names it and the option to change. */
  public static final class PortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortException(String message) {
      super(message);
    }
  }

  private Ports() {}

  /**
   * Fails on the first claim whose port is taken on {@code host}, or claimed twice.
   *
   * @throws PortException naming the port, what wanted it and the option to choose another
   */
  public static void requireFree(String host, List<Claim> claims) {
    Map<Integer, Claim> seen = new HashMap<>();
    for (Claim c : claims) {
      if (c.port() == 0) {
        continue;
      }
      Claim other = seen.putIfAbsent(c.port(), c);
      if (other != null) {
        throw new PortException(
            "port "
                + c.port()
                + " is given for both "
                + other.what()
                + " ("
                + other.flag()
                + ") and "
                + c.what()
                + " ("
                + c.flag()
                + "); choose two ports");
      }
      if (!free(host, c.port())) {
        throw new PortException(
            "port "
                + c.port()
                + " on "
                + host
                + " ("
                + c.what()
                + ") is already in use; stop what uses it or choose another with "
                + c.flag());
      }
    }
  }

  /** Whether a server socket can listen on {@code host:port} now. */
  public static boolean free(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port that was free a moment ago on {@code host} (for tests and for "any free port"). */
  public static int anyFree(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + host, e);
    }
  }
}
