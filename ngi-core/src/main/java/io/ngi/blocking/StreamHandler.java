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

package io.ngi.blocking;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.ngi.Addresses;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.NgiTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler and the state behind a {@link BlockingConnection}: buffers input for
 * blocking reads, and keeps the peer's close and a pending {@code writeLines} failure.
 * <p>
 * The implementation calls the handler methods (never concurrently); any number of
 * application threads call the stream methods. All state is guarded by {@link #lock}.
 * <p>
 * The input buffer is bounded: above {@link #INPUT_HIGH_WATER_MARK} buffered bytes the
 * connection {@linkplain Connection#pauseReading() stops reading} (the peer is held back
 * by flow control), and reads resume it at or below {@link #INPUT_LOW_WATER_MARK}. The
 * connection is paused and resumed outside the lock, so a reader never holds it while the
 * implementation delivers input.
 */
final class StreamHandler implements ConnectionHandler {

	private static final Logger logger = LoggerFactory.getLogger(StreamHandler.class);

	/** Buffered input above which the connection stops reading: 1 MiB. */
	static final long INPUT_HIGH_WATER_MARK = 1024 * 1024;

	/** Buffered input at or below which it reads again: 256 KiB. */
	static final long INPUT_LOW_WATER_MARK = 256 * 1024;

	private final Connection connection;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();

	private int headOffset;

	private long buffered;

	private boolean peerClosed;

	private boolean readingPaused;

	private @Nullable String closeReason;

	private boolean closed;

	private @Nullable Exception pending;

	StreamHandler(Connection connection) {
		this.connection = Objects.requireNonNull(connection, "connection");
	}

	@Override
	public void handleInput(Connection connection, byte[] data) {
		boolean pause = false;
		this.lock.lock();
		try {
			if (this.closed || data.length == 0) {
				return;
			}
			this.chunks.addLast(data);
			this.buffered += data.length;
			if (!this.readingPaused && this.buffered > INPUT_HIGH_WATER_MARK) {
				this.readingPaused = true;
				pause = true;
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (pause) {
			this.connection.pauseReading();
		}
	}

	@Override
	public void handleWritable(Connection connection) {
		this.lock.lock();
		try {
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until the connection takes more output (its queued output drained below the
	 * low-water mark), so a writer is paced by the peer rather than queueing without end.
	 * @param timeout the longest wait
	 * @throws NgiTimeoutException if it is still not writable at the deadline
	 */
	void awaitWritable(Duration timeout) throws IOException {
		Deadline deadline = Deadline.after(timeout);
		this.lock.lock();
		try {
			while (true) {
				checkUsable();
				if (this.peerClosed || this.connection.isWritable()) {
					return;
				}
				long remaining = deadline.remainingNanos();
				if (remaining <= 0) {
					throw new NgiTimeoutException(peer() + " took no more output within " + timeout);
				}
				this.changed.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			InterruptedIOException interrupted = new InterruptedIOException("Interrupted while writing to " + peer());
			interrupted.initCause(ex);
			throw interrupted;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		this.lock.lock();
		try {
			this.peerClosed = true;
			this.closeReason = reason;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void handleException(Connection connection, Exception exception) {
		logger.debug("Output of {} failed; the next stream operation reports it", connection, exception);
		this.lock.lock();
		try {
			Exception first = this.pending;
			if (first == null) {
				this.pending = exception;
			}
			else if (first != exception) {
				first.addSuppressed(exception);
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Reads at least one byte, waiting up to {@code timeout} for input.
	 * @return the number of bytes read, {@code -1} at the end of input, {@code 0} if
	 * {@code length} is 0
	 */
	int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
		Objects.checkFromIndexSize(offset, length, buffer.length);
		Deadline deadline = Deadline.after(timeout);
		boolean resume = false;
		this.lock.lock();
		try {
			while (true) {
				checkUsable();
				if (length == 0) {
					return 0;
				}
				if (this.buffered > 0) {
					int count = take(buffer, offset, length);
					if (this.readingPaused && this.buffered <= INPUT_LOW_WATER_MARK) {
						this.readingPaused = false;
						resume = true;
					}
					return count;
				}
				if (this.peerClosed) {
					return -1;
				}
				long remaining = deadline.remainingNanos();
				if (remaining <= 0) {
					throw new NgiTimeoutException("No input from " + peer() + " within " + timeout);
				}
				this.changed.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			InterruptedIOException interrupted = new InterruptedIOException("Interrupted while reading from " + peer());
			interrupted.initCause(ex);
			throw interrupted;
		}
		finally {
			this.lock.unlock();
			if (resume) {
				this.connection.resumeReading();
			}
		}
	}

	/**
	 * Returns how many bytes can be read without waiting.
	 */
	int available() throws IOException {
		this.lock.lock();
		try {
			checkUsable();
			return (int) Math.min(this.buffered, Integer.MAX_VALUE);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Checks that output may be written: not closed by either side, and no pending
	 * failure (which is thrown, once).
	 */
	void checkWritable() throws IOException {
		this.lock.lock();
		try {
			checkUsable();
			if (this.peerClosed) {
				throw new IOException("closed by peer " + peer() + ": " + this.closeReason);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Throws a pending failure, once, and fails if this side closed.
	 */
	void flush() throws IOException {
		this.lock.lock();
		try {
			checkUsable();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Closes the connection, once; wakes waiting readers, which then throw.
	 */
	void close() {
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.chunks.clear();
			this.buffered = 0;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		this.connection.close();
	}

	boolean isOpen() {
		this.lock.lock();
		try {
			return !this.closed && !this.peerClosed;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Nullable String closeReason() {
		this.lock.lock();
		try {
			return this.closeReason;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void checkUsable() throws IOException {
		if (this.closed) {
			throw new IOException("closed");
		}
		Exception pending = this.pending;
		if (pending != null) {
			this.pending = null;
			throw new IOException("Output to " + peer() + " failed: " + pending, pending);
		}
	}

	private int take(byte[] buffer, int offset, int length) {
		int copied = 0;
		while (copied < length && !this.chunks.isEmpty()) {
			byte[] head = this.chunks.peekFirst();
			int count = Math.min(length - copied, head.length - this.headOffset);
			System.arraycopy(head, this.headOffset, buffer, offset + copied, count);
			copied += count;
			this.headOffset += count;
			if (this.headOffset == head.length) {
				this.chunks.removeFirst();
				this.headOffset = 0;
			}
		}
		this.buffered -= copied;
		return copied;
	}

	private String peer() {
		return Addresses.format(this.connection.peerAddress());
	}

}
