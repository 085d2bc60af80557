package io.sloscout.collectors.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ctrl-C (SIGINT) and SIGTERM handling without the JVM's default exit, for {@code collect} and for
 * {@code up}/{@code demo}.
 */
public final class Signals {

  private Signals() {}

  /**
   * Runs {@code onSignal} on SIGINT and SIGTERM instead of shutting the JVM down, through {@code
   * sun.misc.Signal} (module jdk.unsupported, by reflection so the build has no internal-API
   * warning).
   *
   * @return false where this JVM cannot handle signals; a shutdown hook is then the only way
   */
  public static boolean onTermination(Runnable onSignal) {
    return handle("INT", onSignal) & handle("TERM", onSignal);
  }

  private static boolean handle(String name, Runnable onSignal) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      InvocationHandler invocation =
          (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
              return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "slo-scout signal handler";
              };
            }
            onSignal.run();
            return null;
          };
      Object handler =
          Proxy.newProxyInstance(
              handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, invocation);
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      handle.invoke(null, signal, handler);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
