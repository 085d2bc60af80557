package io.sloscout.storage.testing;

import io.sloscout.storage.Database;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 access to the {@link SharedStorage} servers: test and lifecycle methods may take a {@link
 * SharedStorage} parameter, or a {@link Database}, which is a fresh migrated database for the test
 * class (the same one for every method of the class), closed after it.
 *
 * <pre>{@code
 * @ExtendWith(StorageExtension.class)
 * class MySinkTest {
 *   @Test
 *   void writes(Database db) { ... }
 * }
 * }</pre>
 */
public final class StorageExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StorageExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SharedStorage.class || type == Database.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == SharedStorage.class) {
      return SharedStorage.get();
    }
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            classContext.getRequiredTestClass(),
            k -> new ClassDatabase(SharedStorage.get().newDatabase()),
            ClassDatabase.class)
        .database();
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  /** Closed by JUnit with the class's store. */
  private record ClassDatabase(Database database) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
    }
  }
}
