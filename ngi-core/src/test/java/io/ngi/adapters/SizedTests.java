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

package io.ngi.adapters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ngi.ForwardingConnection;
import io.ngi.imperative.ConnectionClosedException;
import io.ngi.imperative.Imperative;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Sized} on the testing implementation.
 */
class SizedTests {

	private final TestConnection connection = new TestConnection();

	private final RecordingHandler handler = new RecordingHandler();

	@Test
	void writeSendsTheLengthAndThePayloadAsOneWrite() {
		Sized sized = new Sized(this.connection);
		sized.setHandler(this.handler);
		sized.write("Hello out there, world!!!");
		assertThat(this.connection.output()).isEqualTo("-> '\\x00\\x00\\x00\\x19Hello out there, world!!!'");
	}

	/**
	 * The first release wrote the header and the payload separately, so a record written
	 * from another thread (a keep-alive from a timer) could land between them.
	 */
	@Test
	void recordsWrittenFromManyThreadsNeverInterleave() throws Exception {
		SynchronizedCapture wrapped = new SynchronizedCapture();
		Sized sized = new Sized(wrapped);
		int threads = 4;
		int records = 2000;
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			byte[] payload = new byte[100 + t];
			Arrays.fill(payload, (byte) ('a' + t));
			writers.add(new Thread(() -> {
				for (int i = 0; i < records; i++) {
					sized.write(payload);
					sized.writeKeepAlive();
				}
			}));
		}
		writers.forEach(Thread::start);
		for (Thread writer : writers) {
			writer.join(10_000);
		}
		RecordingHandler decoded = new RecordingHandler();
		new Sized(this.connection).setHandler(decoded);
		send(wrapped.bytes());
		assertThat(decoded.events).hasSize(threads * records).allSatisfy((event) -> {
			String payload = event.substring("input ".length());
			assertThat(payload).hasSize(100 + payload.charAt(0) - 'a').matches(payload.charAt(0) + "+");
		});
	}

	@Test
	void aLengthAnnouncingTheMaximumThenStallingHoldsOnlyWhatArrived() {
		Sized sized = new Sized(this.connection);
		sized.setHandler(this.handler);
		send(new byte[] { 1, 0, 0, 0 }, bytes("0123456789"));
		assertThat(sized.bufferCapacity()).isEqualTo(10);
		assertThat(this.handler.events).isEmpty();
	}

	@Test
	void aTricklingPayloadBufferAtMostDoublesWhatArrived() {
		Sized sized = new Sized(this.connection);
		sized.setHandler(this.handler);
		int length = 100_000;
		send(new byte[] { 0, 1, (byte) 0x86, (byte) 0xA0 });
		int arrived = 0;
		while (arrived < length - 1000) {
			send(new byte[1000]);
			arrived += 1000;
			assertThat(sized.bufferCapacity()).isBetween(arrived, 2 * arrived);
		}
		send(new byte[1000]);
		assertThat(this.handler.events).hasSize(1);
		assertThat(this.handler.events.get(0)).hasSize("input ".length() + length);
		assertThat(sized.bufferCapacity()).isZero();
	}

	@Test
	void emptyWriteSendsTheLengthOnly() {
		Sized sized = new Sized(this.connection);
		sized.setHandler(this.handler);
		sized.write(new byte[0]);
		assertThat(this.connection.output()).isEqualTo("-> '\\x00\\x00\\x00\\x00'");
	}

	@Test
	void writeKeepAliveSendsAllOnes() {
		Sized sized = new Sized(this.connection);
		sized.setHandler(this.handler);
		sized.writeKeepAlive();
		assertThat(this.connection.output()).isEqualTo("-> '\\xff\\xff\\xff\\xff'");
	}

	@Test
	void recordsAreDeliveredWithoutTheirLength() {
		new Sized(this.connection).setHandler(this.handler);
		send(frame("one"), frame("two"));
		assertThat(this.handler.events).containsExactly("input one", "input two");
	}

	@Test
	void lengthSplitAcrossChunksAndAppendedToThePreviousPayloadWorks() {
		new Sized(this.connection).setHandler(this.handler);
		byte[] stream = concat(frame("first"), frame("second"));
		// The second length starts in the chunk that ends the first payload.
		send(Arrays.copyOfRange(stream, 0, 2));
		send(Arrays.copyOfRange(stream, 2, 11));
		assertThat(this.handler.events).containsExactly("input first");
		send(Arrays.copyOfRange(stream, 11, 12));
		send(Arrays.copyOfRange(stream, 12, stream.length));
		assertThat(this.handler.events).containsExactly("input first", "input second");
	}

	@Test
	void byteByByteInputDeliversWholeRecords() {
		new Sized(this.connection).setHandler(this.handler);
		for (byte b : concat(frame("abc"), frame(""), frame("de"))) {
			send(new byte[] { b });
		}
		assertThat(this.handler.events).containsExactly("input abc", "input ", "input de");
	}

	@Test
	void keepAliveIsIgnoredOnInput() {
		new Sized(this.connection).setHandler(this.handler);
		send(new byte[] { -1, -1 });
		send(new byte[] { -1, -1 }, frame("after"));
		assertThat(this.handler.events).containsExactly("input after");
	}

	@Test
	void zeroLengthDeliversAnEmptyRecord() {
		new Sized(this.connection).setHandler(this.handler);
		send(frame(""));
		assertThat(this.handler.events).containsExactly("input ");
	}

	@Test
	void frameTooLargeClosesWithoutBufferingThePayload() {
		Sized sized = new Sized(this.connection, 10);
		sized.setHandler(this.handler);
		send(frame("0123456789"));
		send(new byte[] { 0, 0, 0, 11 }, new byte[5]);
		assertThat(this.handler.events).containsExactly("input 0123456789", "close frame too large");
		assertThat(this.handler.connections).containsOnly(sized);
		assertThat(sized.bufferCapacity()).isZero();
		assertThat(this.connection.isOpen()).isFalse();
		assertThat(this.connection.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void lengthAboveTwoGigabytesIsTooLargeNotNegative() {
		new Sized(this.connection).setHandler(this.handler);
		send(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE });
		assertThat(this.handler.events).containsExactly("close frame too large");
	}

	@Test
	void writeLinesFramesEachMessageOnTheWrappedConnection() {
		Sized sized = new Sized(this.connection);
		sized.setHandler(this.handler);
		sized.writeLines(List.of(bytes("one"), bytes(""), bytes("three")));
		assertThat(this.connection.output())
			.isEqualTo("-> '\\x00\\x00\\x00\\x03one'\n-> '\\x00\\x00\\x00\\x00'\n" + "-> '\\x00\\x00\\x00\\x05three'");
	}

	@Test
	void writeLinesPullsOneMessageAtATime() {
		CapturingConnection wrapped = new CapturingConnection();
		Sized sized = new Sized(wrapped);
		List<String> pulls = new ArrayList<>();
		Iterable<byte[]> source = () -> new Iterator<>() {

			private int next;

			@Override
			public boolean hasNext() {
				return this.next < 1_000_000_000;
			}

			@Override
			public byte[] next() {
				pulls.add("pull " + this.next);
				return bytes("m" + this.next++);
			}

		};
		sized.writeLines(source);
		assertThat(pulls).isEmpty();
		Iterator<byte[]> framed = wrapped.writeLines.get(0).iterator();
		assertThat(framed.next()).containsExactly(0, 0, 0, 2, 'm', '0');
		assertThat(pulls).containsExactly("pull 0");
		assertThat(framed.next()).containsExactly(0, 0, 0, 2, 'm', '1');
		assertThat(pulls).containsExactly("pull 0", "pull 1");
	}

	@Test
	void writeLinesNullElementIsReportedToTheHandlerWithTheAdapter() {
		Sized sized = new Sized(this.connection);
		sized.setHandler(this.handler);
		sized.writeLines(Arrays.asList(bytes("ok"), null));
		assertThat(this.connection.output()).isEqualTo("-> '\\x00\\x00\\x00\\x02ok'");
		assertThat(this.handler.events).hasSize(1).first().asString().startsWith("exception ");
		assertThat(this.handler.connections).containsOnly(sized);
	}

	@Test
	void adapterIsPassedToTheHandlerOnClose() {
		Sized sized = new Sized(this.connection);
		sized.setHandler(this.handler);
		this.connection.peer().close();
		assertThat(this.handler.events).containsExactly("close closed");
		assertThat(this.handler.connections).containsOnly(sized);
	}

	@Test
	void sizedToSizedRoundTrip() {
		TestConnection pair = new TestConnection();
		Sized server = new Sized(pair);
		server.setHandler((c, message) -> c.write(new String(message, StandardCharsets.UTF_8).toUpperCase()));
		Sized client = new Sized(pair.peer());
		client.setHandler(this.handler);
		client.write("hello");
		client.writeKeepAlive();
		client.write("");
		assertThat(this.handler.events).containsExactly("input HELLO", "input ");
	}

	@Test
	void sizedHandlerBodyReadsRecordsAndWritesFramedRecords() throws Exception {
		Sized.handler((c, input) -> {
			while (true) {
				byte[] record = input.next();
				c.write(new String(record, StandardCharsets.UTF_8).toUpperCase());
			}
		}).connected(this.connection);
		send(frame("ab"), new byte[] { -1, -1, -1, -1 }, Arrays.copyOfRange(frame("cd"), 0, 3));
		assertThat(this.connection.output()).isEqualTo("-> '\\x00\\x00\\x00\\x02AB'");
		send(Arrays.copyOfRange(frame("cd"), 3, 6));
		assertThat(this.connection.output()).isEqualTo("-> '\\x00\\x00\\x00\\x02CD'");
		this.connection.peer().close();
		assertThat(this.connection.isOpen()).isFalse();
	}

	@Test
	void frameTooLargeIsThrownIntoAnImperativeBodyAsAClose() throws Exception {
		Imperative.handler((c) -> new Sized(c, 4), (c, input) -> {
			try {
				input.next();
			}
			catch (ConnectionClosedException ex) {
				this.handler.events.add("closed " + ex.reason());
			}
		}).connected(this.connection);
		send(new byte[] { 0, 0, 0, 5 });
		assertThat(this.handler.events).containsExactly("closed frame too large");
		assertThat(this.connection.output()).isEqualTo("-> CLOSE");
	}

	private void send(byte[]... chunks) {
		this.connection.peer().write(concat(chunks));
	}

	static byte[] frame(String text) {
		byte[] payload = bytes(text);
		return concat(new byte[] { 0, 0, (byte) (payload.length >>> 8), (byte) payload.length }, payload);
	}

	static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] result = new byte[length];
		int position = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, result, position, part.length);
			position += part.length;
		}
		return result;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** Keeps what is written, from any number of threads. */
	private static final class SynchronizedCapture extends ForwardingConnection {

		private final ByteArrayOutputStream written = new ByteArrayOutputStream();

		SynchronizedCapture() {
			super(new CapturingConnection());
		}

		@Override
		public void write(byte[] data) {
			synchronized (this.written) {
				this.written.writeBytes(data);
			}
		}

		byte[] bytes() {
			synchronized (this.written) {
				return this.written.toByteArray();
			}
		}

	}

}
