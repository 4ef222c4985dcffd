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

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.CloseReason;
import io.ngi.OutputBounds;

/**
 * What one end of a {@link TestConnection} pair wrote that its peer has not taken yet:
 * byte arrays, {@code writeLines} iterators and markers (shut down output, close), in
 * order. The queue is pumped into the peer's handler while the peer takes input (not
 * while it paused reading), one element of an iterator at a time, as NIO pulls them only
 * as the socket takes them. Bytes waiting count against the output bounds: above the
 * high-water mark the end is not writable, at the low-water mark it is again (and its
 * handler gets {@code handleWritable}), above the limit it is closed with
 * {@link CloseReason.Kind#OUTPUT_LIMIT}.
 * <p>
 * Called with the implementation's lock held.
 */
final class TestOutput {

	private static final Logger logger = LoggerFactory.getLogger(TestConnection.class);

	/** Marker: the end closes once what was written before is delivered. */
	static final Object CLOSE = new Object();

	/**
	 * Marker: the peer sees the end of input once what was written before is delivered.
	 */
	static final Object SHUTDOWN_OUTPUT = new Object();

	private final TestConnection owner;

	private final OutputBounds bounds;

	/** How the implementation cuts writes, {@code null} when they arrive whole. */
	private final Fragmentation.@Nullable Cutter cutter;

	private final ArrayDeque<Object> queue = new ArrayDeque<>();

	private long queued;

	private boolean unwritable;

	private boolean pumping;

	TestOutput(TestConnection owner, OutputBounds bounds) {
		this.owner = owner;
		this.bounds = bounds;
		this.cutter = owner.implementation().cutter();
	}

	/**
	 * Queues an item and delivers what the peer takes now.
	 * @param item a {@code byte[]}, an {@code Iterator} or a marker
	 * @param bytes the bytes it counts for (0 for iterators and markers)
	 */
	void add(Object item, long bytes) {
		this.queue.add(item);
		if (bytes > 0) {
			this.queued += bytes;
			if (this.queued > this.bounds.highWaterMark()) {
				this.unwritable = true;
			}
			if (this.queued > this.bounds.limit()) {
				CloseReason reason = CloseReason.of(CloseReason.Kind.OUTPUT_LIMIT,
						"output limit exceeded (" + this.queued + " bytes queued)");
				logger.warn("closing {}: {}", this.owner, reason.text());
				this.owner.closeNow(reason);
				return;
			}
		}
		pump();
	}

	boolean isWritable() {
		return !this.unwritable;
	}

	/** Drops everything: the end closed. */
	void clear() {
		this.queue.clear();
		this.queued = 0;
	}

	/**
	 * Hands queued output to the peer while it takes input; one pump per end at a time (a
	 * write made while the peer's handler runs joins the queue).
	 */
	void pump() {
		if (this.pumping) {
			return;
		}
		this.pumping = true;
		try {
			TestConnection peer = this.owner.peer();
			while (!this.queue.isEmpty() && !this.owner.isTransportClosed()) {
				Object head = this.queue.peek();
				if (head == CLOSE) {
					this.queue.poll();
					this.owner.finishClose();
					return;
				}
				if (head == SHUTDOWN_OUTPUT) {
					this.queue.poll();
					peer.endOfInput();
					continue;
				}
				if (peer.dispatcher().isPaused()) {
					return;
				}
				if (head instanceof byte[] data) {
					byte[] piece = cut(data, peer);
					drained(piece.length);
					peer.receive(piece);
				}
				else if (head instanceof Pulled pulled) {
					peer.receive(cut(pulled.data(), peer));
				}
				else {
					pull((Iterator<?>) head);
				}
			}
		}
		finally {
			this.pumping = false;
		}
	}

	/**
	 * Delivers the next element of a writeLines source, or removes the drained source.
	 */
	private void pull(Iterator<?> source) {
		byte[] item;
		try {
			if (!source.hasNext()) {
				this.queue.poll();
				return;
			}
			item = (byte[]) source.next();
			if (item == null) {
				throw new NullPointerException("writeLines element must not be null");
			}
		}
		catch (Exception ex) {
			this.queue.poll();
			if (this.owner.dispatcher().handler() == null) {
				logger.warn("writeLines failed on {}, which has no handler yet; the failure is queued for it",
						this.owner, ex);
			}
			this.owner.dispatcher().writeFailed(ex);
			return;
		}
		if (item.length > 0) {
			// Delivered like a write, in pieces if the implementation cuts writes.
			this.queue.addFirst(new Pulled(item.clone()));
		}
	}

	/**
	 * Takes the next piece of the head of the queue, {@code data} (a byte array or a
	 * {@link Pulled}), leaving the rest at the head: all of it, unless the implementation
	 * cuts writes and the peer's handler is an application's.
	 */
	private byte[] cut(byte[] data, TestConnection peer) {
		Object head = this.queue.poll();
		if (this.cutter == null || data.length <= 1 || peer.dispatcher().handler() instanceof Transcript) {
			return data;
		}
		Fragmentation.Cutter cutter = this.cutter;
		int size = cutter.next(data.length);
		if (size >= data.length) {
			return data;
		}
		byte[] rest = Arrays.copyOfRange(data, size, data.length);
		this.queue.addFirst((head instanceof Pulled) ? new Pulled(rest) : rest);
		return Arrays.copyOf(data, size);
	}

	/** An element pulled from a writeLines source, not counted as queued output. */
	private record Pulled(byte[] data) {
	}

	private void drained(long bytes) {
		this.queued -= bytes;
		if (this.unwritable && this.queued <= this.bounds.lowWaterMark()) {
			this.unwritable = false;
			this.owner.dispatcher().writable();
		}
	}

}
