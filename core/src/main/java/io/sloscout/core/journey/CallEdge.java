package io.sloscout.core.journey;

/**
 * Calls from one service to another within a journey.
 *
 * @param caller the calling service
 * @param callee the called service
 * @param calls how many spans of the callee had a parent span in the caller
 */
public record CallEdge(String caller, String callee, long calls) {}
