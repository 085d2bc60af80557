package io.sloscout.flink.typeinfo;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A stateless Flink serializer for one value type, written as a small binary format of its own.
 *
 * <p>Our in-flight and state types (protobuf messages, core records with immutable collections, the
 * template miner) are not POJOs, and Kryo cannot rebuild their unmodifiable collections; a
 * serializer per type is a few lines and keeps checkpoints independent of Kryo.
 *
 * @param <T> the value type
 */
public abstract class ValueSerializer<T> extends TypeSerializerSingleton<T> {

  private static final long serialVersionUID = 1L;

  /** Writes one value. */
  protected abstract void write(T value, DataOutputView out) throws IOException;

  /** Reads one value written by {@link #write}. */
  protected abstract T read(DataInputView in) throws IOException;

  /** Whether values never change once built; immutable values are passed on without copying. */
  @Override
  public abstract boolean isImmutableType();

  @Override
  public T copy(T from) {
    if (isImmutableType() || from == null) {
      return from;
    }
    return deepCopy(from);
  }

  /** A deep copy of a mutable value; only called when {@link #isImmutableType()} is false. */
  protected T deepCopy(T from) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " holds immutable values");
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    write(record, target);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    return read(source);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return read(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    write(read(source), target);
  }

  /** Writes a string that may be longer than {@code writeUTF}'s 64 KiB limit. */
  public static void writeString(String s, DataOutputView out) throws IOException {
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads a string written by {@link #writeString}. */
  public static String readString(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes a byte array with its length. */
  public static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads a byte array written by {@link #writeBytes}. */
  public static byte[] readBytes(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }
}
