package io.sloscout.core.search;

/** The contract kit against the exact in-memory fake, so the kit itself is known to be right. */
class InMemoryVectorStoreTest extends VectorStoreContractTest {

  @Override
  protected VectorStore open(int dimension) {
    return new InMemoryVectorStore(dimension);
  }
}
