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
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ngi.NgiTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests of {@link BlockingConnection} over a {@link RecordingConnection}: the test plays
 * the implementation, calling the stream handler from its own thread.
 */
class BlockingConnectionTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private final RecordingConnection connection = new RecordingConnection();

	private final BlockingConnection blocking = new BlockingConnection(this.connection, Duration.ofSeconds(5));

	private final StreamHandler handler = this.blocking.handler();

	@Test
	void readReturnsInputInOrderAcrossChunks() throws IOException {
		input("hel");
		input("lo, world");
		InputStream in = this.blocking.inputStream();
		byte[] buffer = new byte[4];
		assertThat(in.read(buffer, 0, 4)).isEqualTo(4);
		assertThat(text(buffer, 4)).isEqualTo("hell");
		assertThat(in.available()).isEqualTo(8);
		assertThat(in.read()).isEqualTo('o');
		assertThat(new String(in.readNBytes(7), StandardCharsets.UTF_8)).isEqualTo(", world");
		assertThat(in.available()).isZero();
	}

	@Test
	void readReturnsMinusOneOnceThePeerClosedAndEverythingWasRead() throws IOException {
		input("bye");
		this.handler.handleClose(this.connection, "end of input");
		assertThat(this.blocking.isOpen()).isFalse();
		assertThat(this.blocking.closeReason()).isEqualTo("end of input");
		InputStream in = this.blocking.inputStream();
		assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bye");
		assertThat(in.read()).isEqualTo(-1);
		assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
	}

	@Test
	void readWaitsForInputThatArrivesOnAnotherThread() throws Exception {
		CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> readSome(this.blocking.inputStream()));
		Thread loop = new Thread(() -> input("late"), "fake-loop");
		loop.start();
		assertThat(read.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("late");
		loop.join(BOUND.toMillis());
	}

	@Test
	void readThrowsNgiTimeoutExceptionWhenNoInputArrivesAndTheConnectionStaysUsable() throws IOException {
		this.blocking.setReadTimeout(Duration.ofMillis(50));
		InputStream in = this.blocking.inputStream();
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(NgiTimeoutException.class).isThrownBy(in::read)
			.withMessage("No input from 127.0.0.1:7 within PT0.05S"));
		assertThat(this.blocking.isOpen()).isTrue();
		input("x");
		assertThat(in.read()).isEqualTo('x');
	}

	@Test
	void zeroReadTimeoutReturnsBufferedInputWithoutWaiting() throws IOException {
		this.blocking.setReadTimeout(Duration.ZERO);
		assertThat(this.blocking.readTimeout()).isEqualTo(Duration.ZERO);
		InputStream in = this.blocking.inputStream();
		assertThatExceptionOfType(NgiTimeoutException.class).isThrownBy(in::read);
		input("y");
		assertThat(in.read()).isEqualTo('y');
	}

	@Test
	void negativeReadTimeoutIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.blocking.setReadTimeout(Duration.ofMillis(-1)))
			.withMessage("readTimeout must not be negative: PT-0.001S");
	}

	@Test
	void interruptedReadThrowsInterruptedIOExceptionAndKeepsTheInterruptStatus() {
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(InterruptedIOException.class).isThrownBy(() -> this.blocking.inputStream().read())
				.withMessage("Interrupted while reading from 127.0.0.1:7");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(this.blocking.isOpen()).isTrue();
	}

	@Test
	void closeWakesAReaderBlockedInAnotherThread() throws Exception {
		CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
			try {
				return this.blocking.inputStream().read();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		});
		this.blocking.close();
		assertThat(read).failsWithin(BOUND)
			.withThrowableOfType(Exception.class)
			.havingRootCause()
			.withMessage("closed");
	}

	@Test
	void closeIsIdempotentAndClosingEitherStreamClosesTheConnection() throws IOException {
		this.blocking.inputStream().close();
		this.blocking.outputStream().close();
		this.blocking.close();
		assertThat(this.connection.closeCalls()).isOne();
		assertThat(this.blocking.isOpen()).isFalse();
		assertThat(this.blocking.closeReason()).isNull();
	}

	@Test
	void everyStreamOperationAfterCloseThrowsClosed() {
		input("dropped");
		this.blocking.close();
		InputStream in = this.blocking.inputStream();
		OutputStream out = this.blocking.outputStream();
		assertThatIOException().isThrownBy(in::read).withMessage("closed");
		assertThatIOException().isThrownBy(in::available).withMessage("closed");
		assertThatIOException().isThrownBy(() -> out.write(1)).withMessage("closed");
		assertThatIOException().isThrownBy(() -> out.write(new byte[2])).withMessage("closed");
		assertThatIOException().isThrownBy(out::flush).withMessage("closed");
		assertThatIOException().isThrownBy(() -> this.blocking.writeLines(List.of())).withMessage("closed");
	}

	@Test
	void writeCopiesTheBytesBeforeQueueingThem() throws IOException {
		byte[] buffer = "abcd".getBytes(StandardCharsets.US_ASCII);
		this.blocking.outputStream().write(buffer, 1, 2);
		buffer[1] = 'X';
		this.blocking.outputStream().write('!');
		assertThat(this.connection.written()).hasSize(2);
		assertThat(text(this.connection.written().get(0))).isEqualTo("bc");
		assertThat(text(this.connection.written().get(1))).isEqualTo("!");
	}

	@Test
	void emptyWriteQueuesNothing() throws IOException {
		this.blocking.outputStream().write(new byte[4], 2, 0);
		assertThat(this.connection.written()).isEmpty();
	}

	@Test
	void writeChecksItsBounds() {
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> this.blocking.outputStream().write(new byte[4], 3, 2));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> this.blocking.inputStream().read(new byte[4], -1, 2));
	}

	@Test
	void writeAfterThePeerClosedThrowsIOExceptionNamingTheReason() {
		this.handler.handleClose(this.connection, "end of input");
		assertThatIOException().isThrownBy(() -> this.blocking.outputStream().write(1))
			.withMessage("closed by peer 127.0.0.1:7: end of input");
	}

	@Test
	void writeLinesPassesTheIterableToTheConnection() throws IOException {
		List<byte[]> lines = List.of(new byte[] { 1 }, new byte[] { 2 });
		this.blocking.writeLines(lines);
		assertThat(this.connection.writtenLines()).containsExactly(lines);
	}

	@Test
	void flushThrowsAPendingWriteLinesFailureOnce() throws IOException {
		IllegalStateException failure = new IllegalStateException("iterator broke");
		this.handler.handleException(this.connection, failure);
		OutputStream out = this.blocking.outputStream();
		assertThatIOException().isThrownBy(out::flush)
			.withMessage("Output to 127.0.0.1:7 failed: java.lang.IllegalStateException: iterator broke")
			.withCause(failure);
		out.flush();
		assertThat(this.blocking.isOpen()).isTrue();
	}

	@Test
	void aPendingFailureIsThrownByTheNextReadToo() {
		IllegalStateException failure = new IllegalStateException("iterator broke");
		input("data");
		this.handler.handleException(this.connection, failure);
		assertThatIOException().isThrownBy(() -> this.blocking.inputStream().read()).withCause(failure);
	}

	@Test
	void aReadWaitingInAnotherThreadGetsAFailureThatArrivesMeanwhile() throws Exception {
		IllegalStateException failure = new IllegalStateException("iterator broke");
		CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> readSome(this.blocking.inputStream()));
		Thread loop = new Thread(() -> this.handler.handleException(this.connection, failure), "fake-loop");
		loop.start();
		assertThat(read).failsWithin(BOUND).withThrowableOfType(Exception.class).havingRootCause().isSameAs(failure);
		loop.join(BOUND.toMillis());
	}

	@Test
	void toStringNamesThePeer() {
		assertThat(this.blocking).hasToString("BlockingConnection[127.0.0.1:7]");
		assertThat(this.blocking.peerAddress()).isEqualTo(this.connection.peerAddress());
	}

	private void input(String text) {
		this.handler.handleInput(this.connection, text.getBytes(StandardCharsets.UTF_8));
	}

	private static String readSome(InputStream in) {
		byte[] buffer = new byte[64];
		try {
			int count = in.read(buffer, 0, buffer.length);
			return text(buffer, count);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static String text(byte[] data) {
		return new String(data, StandardCharsets.UTF_8);
	}

	private static String text(byte[] data, int length) {
		return new String(data, 0, length, StandardCharsets.UTF_8);
	}

}
