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

package io.ngi.nio;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A connection's queued output, touched on the loop thread only: byte arrays,
 * {@link LinesSource}s and the {@link #CLOSE} marker in a growable ring, plus how much of
 * the first byte array was already sent.
 * <p>
 * {@link #gather} copies from the head into the loop's write buffer without removing
 * anything; {@link #consume} then removes exactly what the socket took, so a partial
 * write resumes where it stopped.
 */
final class OutputQueue {

	/** Marks a graceful close: everything before it is sent first. */
	static final Object CLOSE = new Object();

	private Object[] ring = new Object[8];

	private int head;

	private int size;

	private int headOffset;

	void add(Object item) {
		if (this.size == this.ring.length) {
			Object[] larger = new Object[this.ring.length * 2];
			for (int i = 0; i < this.size; i++) {
				larger[i] = get(i);
			}
			this.ring = larger;
			this.head = 0;
		}
		this.ring[(this.head + this.size) & (this.ring.length - 1)] = item;
		this.size++;
	}

	int size() {
		return this.size;
	}

	Object first() {
		return get(0);
	}

	private Object get(int index) {
		return this.ring[(this.head + index) & (this.ring.length - 1)];
	}

	void removeFirst() {
		this.ring[this.head] = null;
		this.head = (this.head + 1) & (this.ring.length - 1);
		this.size--;
		this.headOffset = 0;
	}

	void clear() {
		Arrays.fill(this.ring, null);
		this.size = 0;
		this.headOffset = 0;
	}

	/**
	 * Copies output from the head into the buffer until it is full, up to the close
	 * marker, or up to a writeLines source that is not finished (what follows it must
	 * wait).
	 * @param buffer the buffer to fill
	 * @return how many bytes were newly pulled from writeLines iterators
	 */
	long gather(ByteBuffer buffer) {
		long pulled = 0;
		int offset = this.headOffset;
		for (int i = 0; i < this.size && buffer.hasRemaining(); i++) {
			Object item = get(i);
			if (item instanceof byte[] bytes) {
				buffer.put(bytes, offset, Math.min(bytes.length - offset, buffer.remaining()));
				offset = 0;
			}
			else if (item instanceof LinesSource lines) {
				pulled += lines.gather(buffer);
				if (!lines.isExhausted() || lines.failure() != null) {
					break;
				}
			}
			else {
				break;
			}
		}
		return pulled;
	}

	/**
	 * Removes what the socket took. A drained writeLines source that failed stays at the
	 * head, for its failure to be delivered.
	 * @param written how many bytes the socket took
	 */
	void consume(int written) {
		int remaining = written;
		while (remaining > 0) {
			Object item = first();
			if (item instanceof byte[] bytes) {
				int available = bytes.length - this.headOffset;
				if (remaining >= available) {
					removeFirst();
					remaining -= available;
				}
				else {
					this.headOffset += remaining;
					remaining = 0;
				}
			}
			else {
				LinesSource lines = (LinesSource) item;
				remaining = lines.consume(remaining);
				if (remaining > 0 || lines.isDrained()) {
					if (!lines.isDrained()) {
						throw new IllegalStateException(
								"output accounting broken: " + remaining + " bytes unaccounted");
					}
					if (lines.failure() != null) {
						return;
					}
					removeFirst();
				}
			}
		}
	}

}
