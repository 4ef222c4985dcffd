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
import java.util.ArrayDeque;
import java.util.Iterator;

import org.jspecify.annotations.Nullable;

/**
 * The output of one {@code writeLines} call: an iterator pulled lazily on the loop
 * thread, only when the socket can take more, plus the items already pulled but not yet
 * sent.
 */
final class LinesSource {

	private final Iterator<byte[]> iterator;

	private final ArrayDeque<byte[]> pulled = new ArrayDeque<>();

	private int offset;

	private boolean exhausted;

	private @Nullable Exception failure;

	LinesSource(Iterator<byte[]> iterator) {
		this.iterator = iterator;
	}

	/**
	 * Copies pulled items into the buffer, then pulls more while it has room.
	 * @param buffer the buffer to fill
	 * @return how many bytes were newly pulled from the iterator
	 */
	long gather(ByteBuffer buffer) {
		int start = this.offset;
		for (byte[] item : this.pulled) {
			if (!buffer.hasRemaining()) {
				return 0;
			}
			int length = Math.min(item.length - start, buffer.remaining());
			buffer.put(item, start, length);
			start = 0;
		}
		long added = 0;
		while (buffer.hasRemaining() && !this.exhausted) {
			byte[] item;
			try {
				if (!this.iterator.hasNext()) {
					this.exhausted = true;
					break;
				}
				item = this.iterator.next();
				if (item == null) {
					throw new NullPointerException("writeLines iterator returned null");
				}
			}
			catch (Exception ex) {
				this.failure = ex;
				this.exhausted = true;
				break;
			}
			if (item.length == 0) {
				continue;
			}
			this.pulled.add(item);
			added += item.length;
			buffer.put(item, 0, Math.min(item.length, buffer.remaining()));
		}
		return added;
	}

	/**
	 * Marks bytes as sent.
	 * @param count how many bytes the socket took
	 * @return how many of them were not this source's
	 */
	int consume(int count) {
		int remaining = count;
		while (remaining > 0 && !this.pulled.isEmpty()) {
			byte[] first = this.pulled.peekFirst();
			int available = first.length - this.offset;
			if (remaining >= available) {
				this.pulled.pollFirst();
				this.offset = 0;
				remaining -= available;
			}
			else {
				this.offset += remaining;
				remaining = 0;
			}
		}
		return remaining;
	}

	boolean isExhausted() {
		return this.exhausted;
	}

	boolean isDrained() {
		return this.exhausted && this.pulled.isEmpty();
	}

	@Nullable Exception failure() {
		return this.failure;
	}

}
