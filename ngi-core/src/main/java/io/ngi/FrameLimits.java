/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi;

/**
 * The framing limits of a listener's connections: the longest line a line adapter accepts
 * and the largest frame a size-prefixed adapter accepts. A listener carries them
 * ({@link ListenOptions.Builder#frameLimits(FrameLimits)}), every connection it accepts
 * reports them ({@link Connection#frameLimits()}), and the adapters made without an
 * explicit limit ({@code new Lines(connection)}, {@code new Sized(connection)}) use them,
 * so a limit configured for a listener reaches its handlers without code.
 *
 * {@snippet :
 * ListenOptions options = ListenOptions.builder().frameLimits(FrameLimits.DEFAULTS.withMaxLineLength(1024)).build();
 * }
 *
 * @param maxLineLength the longest line accepted, in bytes, without its {@code '\n'}
 * @param maxFrameLength the largest frame payload accepted, in bytes
 */
public record FrameLimits(int maxLineLength, int maxFrameLength) {

	/** The default line limit: 64 KiB. */
	public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

	/** The default frame limit: 16 MiB. */
	public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	/**
	 * The limits a connection has when nobody set any: 64 KiB lines, 16 MiB frames.
	 */
	public static final FrameLimits DEFAULTS = new FrameLimits(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_FRAME_LENGTH);

	/**
	 * Checks the limits.
	 * @throws IllegalArgumentException if the line limit is not positive or the frame
	 * limit is negative
	 */
	public FrameLimits {
		if (maxLineLength <= 0) {
			throw new IllegalArgumentException("maxLineLength must be > 0: " + maxLineLength);
		}
		if (maxFrameLength < 0) {
			throw new IllegalArgumentException("maxFrameLength must be >= 0: " + maxFrameLength);
		}
	}

	/**
	 * Returns these limits with another line limit.
	 * @param maxLineLength the longest line accepted, in bytes, without its {@code '\n'}
	 * @return new limits
	 */
	public FrameLimits withMaxLineLength(int maxLineLength) {
		return new FrameLimits(maxLineLength, this.maxFrameLength);
	}

	/**
	 * Returns these limits with another frame limit.
	 * @param maxFrameLength the largest frame payload accepted, in bytes
	 * @return new limits
	 */
	public FrameLimits withMaxFrameLength(int maxFrameLength) {
		return new FrameLimits(this.maxLineLength, maxFrameLength);
	}

}
