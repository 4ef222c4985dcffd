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

package io.ngi.sample.kv;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;

/**
 * One client connection of the {@code kv} listener: parses its requests as they arrive,
 * runs them, and answers every request of one read with one write.
 * <p>
 * <b>Output stays bounded.</b> A client that pipelines requests without reading the
 * replies must not make the server buffer without limit. After each write the session
 * checks {@link Connection#isWritable()}; once the queued output is above the listener's
 * high-water mark it stops running requests, keeps the unparsed input (at most one read),
 * and {@linkplain Connection#pauseReading() pauses reading}, so TCP holds the client
 * back. {@link #handleWritable} runs the rest and resumes reading. Large values go out by
 * reference through {@link Connection#writeLines}, counted here until the connection
 * takes them, with the same pause below {@value #LAZY_HIGH_WATER} bytes.
 * <p>
 * A protocol error is answered with Redis's {@code -ERR Protocol error: ...} and closes
 * the connection (after the replies before it), as Redis does; {@code QUIT} answers
 * {@code +OK} and closes.
 */
final class KvSession implements ConnectionHandler {

	/** Replies gathered past this many bytes are written before the next request runs. */
	static final int FLUSH_THRESHOLD = 64 * 1024;

	/**
	 * Large values queued and not yet taken by the connection, above which requests wait.
	 */
	static final long LAZY_HIGH_WATER = 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(KvSession.class);

	private final KvCommands commands;

	private final RespParser parser;

	private final Replies replies = new Replies();

	/** Bytes of large values handed to {@code writeLines} and not taken yet. */
	private final AtomicLong queuedByReference = new AtomicLong();

	/** Whether requests wait for the output to drain (and reading is paused). */
	private volatile boolean waiting;

	private boolean closed;

	KvSession(KvCommands commands, RespLimits limits) {
		this.commands = commands;
		this.parser = new RespParser(limits);
	}

	@Override
	public void handleInput(Connection connection, byte[] data) {
		if (this.closed) {
			return;
		}
		this.parser.feed(data);
		if (!this.waiting) {
			run(connection);
		}
	}

	@Override
	public void handleWritable(Connection connection) {
		if (this.waiting && !this.closed) {
			run(connection);
		}
	}

	@Override
	public void handleClose(Connection connection, CloseReason reason) {
		this.closed = true;
		if (this.parser.inRequest()) {
			logger.info("kv: {} left inside a request ({} bytes unparsed): {}", connection.peerAddress(),
					this.parser.buffered(), reason.text());
		}
	}

	/** Runs the requests parsed so far, until the input ends or the output is full. */
	private void run(Connection connection) {
		int status;
		while ((status = this.parser.next()) == RespParser.COMMAND) {
			if (this.commands.execute(this.parser.argv(), this.parser.argc(), this.replies)) {
				flush(connection);
				this.closed = true;
				connection.close();
				return;
			}
			if (this.replies.pending() >= FLUSH_THRESHOLD || this.replies.hasPieces()) {
				flush(connection);
				if (outputFull(connection)) {
					if (!this.waiting) {
						this.waiting = true;
						connection.pauseReading();
					}
					return;
				}
			}
		}
		if (status == RespParser.ERROR) {
			String error = this.parser.error();
			this.replies.error("ERR " + error);
			flush(connection);
			logger.info("kv: closing {} after a protocol error: {}", connection.peerAddress(), error);
			this.closed = true;
			connection.close();
			return;
		}
		flush(connection);
		if (this.waiting) {
			this.waiting = false;
			connection.resumeReading();
		}
	}

	private boolean outputFull(Connection connection) {
		return !connection.isWritable() || this.queuedByReference.get() > LAZY_HIGH_WATER;
	}

	private void flush(Connection connection) {
		if (this.replies.pending() == 0) {
			return;
		}
		if (!this.replies.hasPieces()) {
			connection.write(this.replies.take());
			return;
		}
		List<byte[]> pieces = this.replies.takePieces();
		long total = 0;
		for (byte[] piece : pieces) {
			total += piece.length;
		}
		this.queuedByReference.addAndGet(total);
		connection.writeLines(() -> new Taken(pieces.iterator(), connection));
	}

	/**
	 * Counts the pieces of a {@code writeLines} batch as the connection takes them, and
	 * lets waiting requests go on once little is left.
	 */
	private final class Taken implements Iterator<byte[]> {

		private final Iterator<byte[]> pieces;

		private final Connection connection;

		Taken(Iterator<byte[]> pieces, Connection connection) {
			this.pieces = pieces;
			this.connection = connection;
		}

		@Override
		public boolean hasNext() {
			return this.pieces.hasNext();
		}

		@Override
		public byte[] next() {
			byte[] piece = this.pieces.next();
			long left = KvSession.this.queuedByReference.addAndGet(-piece.length);
			if (left <= LAZY_HIGH_WATER / 4 && KvSession.this.waiting && this.connection.isWritable()) {
				this.connection.schedule(Duration.ZERO, () -> handleWritable(this.connection));
			}
			return piece;
		}

	}

}
