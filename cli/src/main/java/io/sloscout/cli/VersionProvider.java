package io.sloscout.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = SloScoutCommand.class.getPackage().getImplementationVersion();
    return new String[] {"slo-scout " + (v == null ? "dev" : v)};
  }
}
