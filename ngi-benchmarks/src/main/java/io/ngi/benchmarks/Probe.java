package io.ngi.benchmarks;

/**
 * Called by the load client, on its own thread, when the measured time starts and ends,
 * so the harness can read the server's CPU time at the same instants.
 */
interface Probe {

	/** A probe that records nothing. */
	Probe NONE = new Probe() {
	};

	/** Called when warm-up ends and measuring starts. */
	default void start() {
	}

	/** Called when measuring ends, before connections close. */
	default void end() {
	}

}
