package dev.rotor.kernel.keys;

import java.util.List;

/** Wrapper so the list keeps its element type across a serialized query bus. */
public record SigningKeySummaryList(List<SigningKeySummary> keys) {
}
