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

package io.ngi.testing;

import java.util.Objects;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link TestingImplementation} cuts each write before the peer's handler gets it,
 * so that framing bugs that depend on where a stream is cut show up in ordinary unit
 * tests (a real network cuts streams anywhere): {@link #NONE} (each write arrives whole,
 * the default), {@link #BYTES} (one byte per {@code handleInput}) or {@link #random(long)
 * random(seed)} (cuts at random places, the same for the same seed).
 * <p>
 * Only application handlers get pieces: writes to a {@link Transcript} (the recording end
 * of a test) arrive whole, so transcripts read the same, and {@code testInput} delivers
 * what the test gives it. Immutable; each implementation cuts with its own generator.
 *
 * {@snippet :
 * TestingImplementation implementation = TestingImplementation.builder().fragmentation(Fragmentation.BYTES).build();
 * }
 */
public final class Fragmentation {

	/** Each write arrives whole, as one {@code handleInput}. */
	public static final Fragmentation NONE = new Fragmentation("NONE", 0, false);

	/** Each byte arrives as a {@code handleInput} of its own. */
	public static final Fragmentation BYTES = new Fragmentation("BYTES", 0, false);

	private final String name;

	private final long seed;

	private final boolean random;

	private Fragmentation(String name, long seed, boolean random) {
		this.name = name;
		this.seed = seed;
		this.random = random;
	}

	/**
	 * Returns a fragmentation that cuts each write into pieces of random sizes (from one
	 * byte to the whole rest), reproducible from {@code seed}.
	 * @param seed the seed of the generator
	 * @return the fragmentation
	 */
	public static Fragmentation random(long seed) {
		return new Fragmentation("RANDOM(" + seed + ")", seed, true);
	}

	/** Returns a cutter with state of its own. */
	Cutter cutter() {
		if (this == NONE) {
			return (remaining) -> remaining;
		}
		if (this == BYTES) {
			return (remaining) -> 1;
		}
		Random generator = new Random(this.seed);
		return (remaining) -> 1 + generator.nextInt(remaining);
	}

	boolean cuts() {
		return this != NONE;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Fragmentation that && this.name.equals(that.name);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name);
	}

	@Override
	public String toString() {
		return this.name;
	}

	/** Chooses the size of the next piece. */
	@FunctionalInterface
	interface Cutter {

		/**
		 * Returns the size of the next piece.
		 * @param remaining the bytes left of the write, &gt; 0
		 * @return the piece's size, 1 to {@code remaining}
		 */
		int next(int remaining);

	}

}
