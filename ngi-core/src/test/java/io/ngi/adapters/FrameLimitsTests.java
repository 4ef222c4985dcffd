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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.ngi.FrameLimits;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.Server;
import io.ngi.nio.NioImplementation;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A listener's {@link FrameLimits} reach the adapters its handlers make without a limit:
 * {@code new Lines(connection)} and {@code new Sized(connection)} take the listener's
 * limits, on the testing and on the NIO implementation.
 */
class FrameLimitsTests {

	private static final Server ECHO_LINES = (connection) -> new Lines(connection)
		.setHandler((lines, line) -> lines.write(Arrays.copyOf(line, line.length + 1)));

	@Test
	void limitsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FrameLimits(0, 10))
			.withMessage("maxLineLength must be > 0: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> FrameLimits.DEFAULTS.withMaxFrameLength(-1))
			.withMessage("maxFrameLength must be >= 0: -1");
		assertThat(FrameLimits.DEFAULTS).isEqualTo(new FrameLimits(64 * 1024, 16 * 1024 * 1024));
	}

	@Test
	void aConnectionNoListenerMadeHasTheDefaults() {
		TestConnection connection = new TestConnection();
		assertThat(connection.frameLimits()).isEqualTo(FrameLimits.DEFAULTS);
		assertThat(new Lines(connection).maxLineLength()).isEqualTo(Lines.DEFAULT_MAX_LINE_LENGTH);
		assertThat(new Sized(connection).maxFrameLength()).isEqualTo(Sized.DEFAULT_MAX_FRAME_LENGTH);
	}

	@Test
	void linesOnATestListenerRefuseALineOneByteOverTheListenersLimit() {
		TestingImplementation implementation = new TestingImplementation();
		TestListener listener = implementation.listen(TestingImplementation.address("lines"), ECHO_LINES,
				ListenOptions.builder().frameLimits(FrameLimits.DEFAULTS.withMaxLineLength(5)).build());
		TestConnection client = listener.connect();
		client.write("12345\n");
		assertThat(client.output()).isEqualTo("-> '12345\\x00'");
		client.write("123456\n");
		// The server closed the connection: the line was one byte too long.
		assertThat(client.output()).isEqualTo("-> CLOSE");
		assertThat(client.isOpen()).isFalse();
	}

	@Test
	void adaptersOverAdaptersAndImperativeBodiesSeeTheLimitsToo() {
		TestingImplementation implementation = new TestingImplementation();
		FrameLimits limits = new FrameLimits(7, 9);
		int[] seen = new int[2];
		TestListener listener = implementation.listen(TestingImplementation.address("nested"), (connection) -> {
			Sized sized = new Sized(connection);
			seen[1] = sized.maxFrameLength();
			seen[0] = new Lines(sized).maxLineLength();
		}, ListenOptions.builder().frameLimits(limits).build());
		listener.connect();
		assertThat(seen).containsExactly(7, 9);
		listener.close();
	}

	@Test
	void linesOnANioListenerRefuseALineOneByteOverTheListenersLimit() throws Exception {
		try (NioImplementation ngi = NioImplementation.builder().name("frame-limits").loops(1).build()) {
			Listener listener = ngi.listen(new InetSocketAddress("127.0.0.1", 0), ECHO_LINES,
					ListenOptions.builder().frameLimits(FrameLimits.DEFAULTS.withMaxLineLength(5)).build());
			try (Socket socket = new Socket()) {
				socket.connect(listener.address(), 5000);
				socket.setSoTimeout(5000);
				OutputStream out = socket.getOutputStream();
				out.write("12345\n123456\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				// The first line comes back; the second closes the connection.
				assertThat(readToEnd(socket.getInputStream())).isEqualTo("12345\0");
			}
			listener.close();
		}
	}

	private static String readToEnd(InputStream in) throws Exception {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		in.transferTo(read);
		return read.toString(StandardCharsets.US_ASCII);
	}

}
