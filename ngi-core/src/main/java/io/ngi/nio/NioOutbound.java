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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ngi.ListenerObserver;
import io.ngi.OutputBounds;

/**
 * The output side of one {@link NioConnection}: what was written and not yet sent, its
 * accounting, and the socket writes (Netty's {@code ChannelOutboundBuffer} and flush).
 * <p>
 * Output is a queue of byte arrays, {@link LinesSource}s and markers (shut down output,
 * close). Items added on the loop thread go straight into it; items added from other
 * threads pass through a concurrent queue that the loop drains. Either way bytes are
 * counted when written ({@link OutputCounter}), so writability and the hard limit see
 * them at once. A flush copies the head of the queue into the loop's direct write buffer
 * (up to 64 KiB, many small writes gathered into one socket write), writes once, and
 * advances the queue by exactly what the socket took.
 * <p>
 * What the output means for the connection (the markers reached, a write failure, the
 * limit passed, the queue crossing the water marks) is reported to the owner; everything
 * here except {@link #add}, {@link #count} and the accessors runs on the loop thread.
 */
final class NioOutbound {

	/** Marker: shut the socket's output down once what was written before is sent. */
	static final Object SHUTDOWN_OUTPUT = new Object();

	private static final int MAX_WRITES_PER_FLUSH = 16;

	private final NioConnection owner;

	private final EventLoop loop;

	private final Wire wire;

	private final ListenerObserver observer;

	private final OutputCounter counter;

	private final OutputQueue queue = new OutputQueue();

	private final Queue<Object> incoming = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	private final AtomicBoolean limitPassed = new AtomicBoolean();

	private final Runnable drainTask = this::drainIncoming;

	private boolean flushQueued;

	private boolean writeInterest;

	/** More than the high-water mark is queued: the owner stops reading. */
	private boolean full;

	private boolean closed;

	NioOutbound(NioConnection owner, EventLoop loop, Wire wire, ListenerObserver observer, OutputBounds bounds) {
		this.owner = owner;
		this.loop = loop;
		this.wire = wire;
		this.observer = observer;
		this.counter = new OutputCounter(bounds);
	}

	/**
	 * Counts bytes written, from any thread, before they are added.
	 * @param bytes how many
	 */
	void count(long bytes) {
		if (this.counter.added(bytes)) {
			limitPassed();
		}
	}

	/**
	 * Adds an item: a {@code byte[]} (counted first), a {@link LinesSource} or a marker.
	 * Any thread.
	 * @param item the item
	 */
	void add(Object item) {
		if (this.loop.inLoop()) {
			if (!this.incoming.isEmpty()) {
				drainIncoming();
			}
			addOnLoop(item);
		}
		else {
			this.incoming.add(item);
			if (this.drainScheduled.compareAndSet(false, true)) {
				this.loop.execute(this.drainTask);
			}
		}
	}

	boolean isWritable() {
		return this.counter.isWritable();
	}

	/** Whether more than the high-water mark is queued, so the owner stops reading. */
	boolean isFull() {
		return this.full;
	}

	boolean wantsWrite() {
		return this.writeInterest;
	}

	long queued() {
		return this.counter.queued();
	}

	long peak() {
		return this.counter.peak();
	}

	/** Forgets everything queued: the connection closed. Loop thread. */
	void clear() {
		this.closed = true;
		this.queue.clear();
		this.counter.clear();
		this.incoming.clear();
	}

	/** Drops what is left after the close marker was reached. Loop thread. */
	void clearQueue() {
		this.queue.clear();
	}

	private void limitPassed() {
		if (this.limitPassed.compareAndSet(false, true)) {
			this.loop.runInLoop(() -> this.owner.outputLimitPassed(this.counter.queued()));
		}
	}

	private void drainIncoming() {
		this.drainScheduled.set(false);
		Object item;
		while ((item = this.incoming.poll()) != null) {
			addOnLoop(item);
		}
	}

	private void addOnLoop(Object item) {
		if (this.closed) {
			return;
		}
		this.queue.add(item);
		if (!this.full && this.counter.aboveHighWaterMark()) {
			this.full = true;
			this.owner.interestChanged();
		}
		if (!this.flushQueued) {
			this.flushQueued = true;
			this.loop.needsFlush(this.owner);
		}
	}

	/**
	 * Asks for a flush in this loop iteration although nothing was queued: the wire holds
	 * bytes of its own to send (a TLS key update). Loop thread.
	 */
	void requestFlush() {
		if (!this.flushQueued && !this.closed) {
			this.flushQueued = true;
			this.loop.needsFlush(this.owner);
		}
	}

	/**
	 * Writes what the socket takes now, once per loop iteration after writes were queued,
	 * unless the socket already said it is full (then the selector reports it writable).
	 */
	void flushQueued() {
		if (!this.flushQueued) {
			return;
		}
		this.flushQueued = false;
		if (!this.closed && !this.writeInterest) {
			flush();
		}
	}

	/** Writes what the socket takes now. Loop thread. */
	void flush() {
		ByteBuffer buffer = this.loop.writeBuffer;
		int writes = 0;
		if (!flushWire()) {
			return;
		}
		while (!this.closed) {
			if (!removeDrainedHead()) {
				return;
			}
			if (this.queue.size() == 0) {
				break;
			}
			Object first = this.queue.first();
			if (first == OutputQueue.CLOSE) {
				if (closeWireOutput()) {
					this.owner.outputClosed();
				}
				return;
			}
			if (first == SHUTDOWN_OUTPUT) {
				if (!closeWireOutput()) {
					return;
				}
				this.queue.removeFirst();
				this.owner.outputShutDown();
				continue;
			}
			if (writes++ == MAX_WRITES_PER_FLUSH) {
				setWriteInterest(true);
				return;
			}
			buffer.clear();
			long pulled = this.queue.gather(buffer);
			if (pulled > 0) {
				// Bytes of writeLines sources count when pulled.
				count(pulled);
			}
			buffer.flip();
			int total = buffer.remaining();
			if (total == 0) {
				continue;
			}
			int written;
			try {
				written = this.wire.write(buffer);
			}
			catch (IOException ex) {
				this.owner.writeFailed(ex);
				return;
			}
			if (written > 0) {
				this.owner.sent(written);
				this.observer.bytesSent(written);
				consume(written);
			}
			if (written < total || this.wire.hasPendingOutput()) {
				setWriteInterest(true);
				return;
			}
		}
		setWriteInterest(false);
	}

	/** Sends what the wire took and did not send yet; see {@link #wireDone}. */
	private boolean flushWire() {
		return wireDone(this.wire::flushPending);
	}

	/**
	 * Ends the output at the wire's level (TLS close_notify) before the socket's output
	 * is shut down; see {@link #wireDone}.
	 */
	private boolean closeWireOutput() {
		return wireDone(this.wire::closeOutput);
	}

	/**
	 * Runs a step of the wire's own output.
	 * @return whether it is all sent; if not, the selector is asked for writability (or
	 * the connection closes, if the socket failed)
	 */
	private boolean wireDone(WireStep step) {
		try {
			if (step.run()) {
				return true;
			}
		}
		catch (IOException ex) {
			this.owner.writeFailed(ex);
			return false;
		}
		setWriteInterest(true);
		return false;
	}

	/**
	 * A step of the wire's output: {@link Wire#flushPending}, {@link Wire#closeOutput}.
	 */
	private interface WireStep {

		boolean run() throws IOException;

	}

	/** Stops asking the selector for writability: nothing more will be written. */
	void stopWriting() {
		setWriteInterest(false);
	}

	/**
	 * Removes finished writeLines sources from the head, delivering their failures.
	 * @return {@code false} if the connection closed meanwhile
	 */
	private boolean removeDrainedHead() {
		while (this.queue.size() > 0 && this.queue.first() instanceof LinesSource lines && lines.isDrained()) {
			this.queue.removeFirst();
			Exception failure = lines.failure();
			if (failure != null) {
				this.owner.writeLinesFailed(failure);
				if (this.closed) {
					return false;
				}
			}
		}
		return true;
	}

	private void consume(int written) {
		this.queue.consume(written);
		if (this.counter.removed(written)) {
			this.owner.writableAgain();
		}
		if (this.full && this.counter.atOrBelowLowWaterMark()) {
			this.full = false;
			this.owner.interestChanged();
		}
	}

	private void setWriteInterest(boolean wanted) {
		if (this.writeInterest != wanted) {
			this.writeInterest = wanted;
			this.owner.interestChanged();
		}
	}

}
