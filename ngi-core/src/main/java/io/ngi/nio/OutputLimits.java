package io.ngi.nio;

/**
 * The per-connection output bounds: reading pauses above {@code highWaterMark}, resumes
 * at or below {@code lowWaterMark}, and the connection closes above {@code limit}.
 *
 * @param highWaterMark queued bytes above which input is paused
 * @param lowWaterMark queued bytes at or below which input resumes
 * @param limit queued bytes above which the connection is closed
 */
record OutputLimits(long highWaterMark, long lowWaterMark, long limit) {

	OutputLimits {
		if (lowWaterMark < 0) {
			throw new IllegalArgumentException("outputLowWaterMark must be >= 0: " + lowWaterMark);
		}
		if (highWaterMark <= lowWaterMark) {
			throw new IllegalArgumentException(
					"outputHighWaterMark must be > outputLowWaterMark (" + lowWaterMark + "): " + highWaterMark);
		}
		if (limit < highWaterMark) {
			throw new IllegalArgumentException(
					"outputLimit must be >= outputHighWaterMark (" + highWaterMark + "): " + limit);
		}
	}

}
