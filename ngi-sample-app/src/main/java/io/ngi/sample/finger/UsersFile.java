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

package io.ngi.sample.finger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.convert.DurationStyle;

import io.ngi.Cancellable;
import io.ngi.Implementation;

/**
 * The users file, read at start and again every period (the tutorial's "periodic tasks"):
 * one {@code user:status} line per user, blank lines and {@code #} comments ignored,
 * UTF-8.
 *
 * <pre>
 * # finger-users.txt
 * alice:Happy and well
 * bob:Gone fishing
 * </pre>
 * <p>
 * The period is a timer of the {@link Implementation} ({@code Implementation.schedule}),
 * so the testing implementation's virtual clock drives it. The timer only hands the read
 * to {@code reader}, an executor of its own: a loop thread never touches the file system,
 * so a slow or hung disk (a network mount, say) cannot stall connections. The next timer
 * is set once a read ended, so reads never pile up.
 * <p>
 * A missing, unreadable, oversized or non-UTF-8 file keeps the last good users and is
 * logged once, when the problem appears or changes; a file that is readable again is
 * logged once too. Lines that are not {@code user:status} are skipped, logged when the
 * file's content changes. Thread-safe; {@link #close()} stops the timer.
 */
final class UsersFile implements AutoCloseable {

	/** The largest file read: the users file is small, and memory stays bounded. */
	static final int MAX_SIZE = 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(UsersFile.class);

	private static final int MAX_LOGGED_BAD_LINES = 5;

	private final Path path;

	private final Duration period;

	private final FingerUsers users;

	private final Implementation implementation;

	private final Executor reader;

	private final AtomicLong checks = new AtomicLong();

	private final AtomicLong reads = new AtomicLong();

	private final AtomicBoolean reading = new AtomicBoolean();

	private final Object readLock = new Object();

	private @Nullable String lastProblem;

	private @Nullable String lastContent;

	private @Nullable Cancellable timer;

	private boolean closed;

	/**
	 * Creates the reloader; nothing is read before {@link #start()}.
	 * @param path the users file
	 * @param period the time between reads, &gt; 0
	 * @param users where the users go
	 * @param implementation whose timers drive the reads
	 * @param reader where the reads run, off the loops
	 */
	UsersFile(Path path, Duration period, FingerUsers users, Implementation implementation, Executor reader) {
		this.path = Objects.requireNonNull(path, "path");
		Objects.requireNonNull(period, "period");
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("period must be > 0: " + period);
		}
		this.period = period;
		this.users = Objects.requireNonNull(users, "users");
		this.implementation = Objects.requireNonNull(implementation, "implementation");
		this.reader = Objects.requireNonNull(reader, "reader");
	}

	/**
	 * Reads the file now, in the calling thread (the application's startup, not a loop),
	 * and sets the timer for the next read.
	 * @return this reloader
	 */
	UsersFile start() {
		logger.info("finger users file: {} (re-read every {})", this.path.toAbsolutePath(),
				DurationStyle.SIMPLE.print(this.period));
		read();
		scheduleNext();
		return this;
	}

	/**
	 * Returns how many times the timer fired and handed a read to the reader.
	 * @return the checks so far
	 */
	long checks() {
		return this.checks.get();
	}

	/**
	 * Returns how many reads ended, the one at start included, whatever their outcome.
	 * @return the reads so far
	 */
	long reads() {
		return this.reads.get();
	}

	/**
	 * Returns the file this reloader reads.
	 * @return the path
	 */
	Path path() {
		return this.path;
	}

	/**
	 * Stops the timer; a read under way ends and sets no new timer. Idempotent, and never
	 * waits for a read.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.timer != null) {
			this.timer.cancel();
		}
	}

	private synchronized void scheduleNext() {
		if (this.closed) {
			return;
		}
		try {
			this.timer = this.implementation.schedule(this.period, this::check);
		}
		catch (IllegalStateException ex) {
			// The implementation closed: the application is stopping.
			logger.debug("finger users file: no more reloads ({})", ex.getMessage());
		}
	}

	private void check() {
		this.checks.incrementAndGet();
		scheduleNext();
		if (!this.reading.compareAndSet(false, true)) {
			logger.debug("finger users file {}: the previous read is still running; this one is skipped", this.path);
			return;
		}
		try {
			this.reader.execute(() -> {
				try {
					read();
				}
				finally {
					this.reading.set(false);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.reading.set(false);
			logger.debug("finger users file: reader stopped, no more reloads");
		}
	}

	/**
	 * Reads the file once and applies it; called at start and on the reader.
	 */
	void read() {
		synchronized (this.readLock) {
			readOnce();
		}
	}

	private void readOnce() {
		try {
			String content = readContent();
			if (this.lastProblem != null) {
				logger.info("finger users file {} is readable again", this.path);
				this.lastProblem = null;
			}
			if (!content.equals(this.lastContent)) {
				Map<String, String> parsed = parse(content);
				this.users.replaceFileUsers(parsed);
				if (this.lastContent != null) {
					logger.info("finger users file {} changed: {} users", this.path, parsed.size());
				}
				else {
					logger.info("finger users file {}: {} users", this.path, parsed.size());
				}
				this.lastContent = content;
			}
		}
		catch (IOException ex) {
			String problem = describe(ex);
			if (!problem.equals(this.lastProblem)) {
				logger.warn("finger users file {} {}; keeping the last good users ({})", this.path, problem,
						this.users.all().size());
				this.lastProblem = problem;
			}
		}
		finally {
			this.reads.incrementAndGet();
		}
	}

	private String readContent() throws IOException {
		byte[] bytes;
		try (InputStream in = Files.newInputStream(this.path)) {
			bytes = in.readNBytes(MAX_SIZE + 1);
		}
		if (bytes.length > MAX_SIZE) {
			throw new IOException("is over " + MAX_SIZE + " bytes");
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IOException("is not UTF-8 text", ex);
		}
	}

	private Map<String, String> parse(String content) {
		Map<String, String> parsed = new LinkedHashMap<>();
		List<String> bad = new ArrayList<>();
		String[] lines = content.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			int colon = line.indexOf(':');
			String user = (colon > 0) ? line.substring(0, colon).strip() : "";
			String status = (colon > 0) ? line.substring(colon + 1).strip() : "";
			if (!FingerUsers.isValidName(user) || !isText(status)) {
				bad.add("line " + (i + 1));
				continue;
			}
			parsed.put(user, status);
		}
		if (!bad.isEmpty()) {
			logger.warn(
					"finger users file {}: {}{} skipped: not <user>:<status>, with a user name of 1 to 32"
							+ " letters, digits, '.', '_' or '-' and a printable status",
					this.path, String.join(", ", bad.subList(0, Math.min(bad.size(), MAX_LOGGED_BAD_LINES))),
					(bad.size() > MAX_LOGGED_BAD_LINES) ? " and " + (bad.size() - MAX_LOGGED_BAD_LINES) + " more" : "");
		}
		return parsed;
	}

	private static boolean isText(String status) {
		for (int i = 0; i < status.length(); i++) {
			char c = status.charAt(i);
			if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
				return false;
			}
		}
		return true;
	}

	private static String describe(IOException ex) {
		if (ex instanceof NoSuchFileException) {
			return "is missing";
		}
		if (ex instanceof AccessDeniedException) {
			return "cannot be read: permission denied";
		}
		if (ex.getClass() == IOException.class && ex.getMessage() != null
				&& (ex.getMessage().startsWith("is ") || ex.getMessage().startsWith("cannot "))) {
			return ex.getMessage();
		}
		return "cannot be read: " + ex;
	}

}
