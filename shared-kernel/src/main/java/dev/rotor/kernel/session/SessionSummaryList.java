package dev.rotor.kernel.session;

import java.util.List;

/** Wrapper so the list keeps its element type across a serialized query bus. */
public record SessionSummaryList(List<SessionSummary> sessions) {
}
