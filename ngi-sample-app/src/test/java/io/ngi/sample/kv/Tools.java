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

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the real-socket tests of the {@code kv} listener share: sockets with timeouts, and
 * running Debian's {@code redis-tools} (skipped with a message when they are missing).
 */
final class Tools {

	static final int TIMEOUT_MILLIS = 30_000;

	/** The reply the tests end a script with, to know that every reply before it came. */
	static final String END = "*2\r\n$4\r\nECHO\r\n$7\r\n__end__\r\n";

	private static final String END_REPLY = "$7\r\n__end__\r\n";

	private Tools() {
	}

	static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	/**
	 * Sends a script on a new connection and returns every byte received until the
	 * connection closed, or until the reply to {@link #END} (sent after the script unless
	 * {@code closes}), without that reply.
	 */
	static String exchange(int port, String script, boolean closes) throws IOException {
		try (Socket socket = connect(port)) {
			socket.getOutputStream().write(bytes(closes ? script : script + END));
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[65536];
			while (true) {
				int count;
				try {
					count = in.read(buffer);
				}
				catch (SocketException ex) {
					// A reset after the server closed: what came before it is the answer.
					return received.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
				}
				if (count < 0) {
					return received.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
				}
				received.write(buffer, 0, count);
				String text = received.toString(StandardCharsets.ISO_8859_1);
				if (!closes && text.endsWith(END_REPLY)) {
					return text.substring(0, text.length() - END_REPLY.length());
				}
			}
		}
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Returns the program's path, or skips the test with a message naming the package.
	 */
	static Path require(String program) {
		Path found = find(program);
		assumeTrue(found != null, program + " is not installed (Debian: apt-get install redis-tools"
				+ (program.equals("redis-server") ? " redis-server" : "") + "); skipping");
		return found;
	}

	static @Nullable Path find(String program) {
		String path = System.getenv("PATH");
		List<String> directories = new ArrayList<>(
				List.of((path != null) ? path.split(File.pathSeparator) : new String[0]));
		directories.add("/usr/bin");
		directories.add("/usr/sbin");
		for (String directory : directories) {
			Path candidate = Path.of(directory, program);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Runs a program to its end (at most two minutes) and returns its output and status.
	 */
	static Result run(List<String> command, @Nullable Path input) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (input != null) {
			builder.redirectInput(input.toFile());
		}
		Path output = Files.createTempFile("kv-tool", ".out");
		try {
			builder.redirectOutput(output.toFile());
			Process process = builder.start();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError(command + " did not finish in two minutes: "
						+ Files.readString(output, StandardCharsets.ISO_8859_1));
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.ISO_8859_1));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	record Result(int status, String output) {

		Result succeeded() {
			assertThat(this.status).as("exit status; output:%n%s", this.output).isZero();
			return this;
		}

	}

}
