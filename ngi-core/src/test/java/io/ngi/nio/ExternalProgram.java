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

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A program that nobody here wrote (openssl, Python), run by a test. A test whose program
 * is missing is skipped with a message saying so; {@code .ci/run} installs them so that
 * CI always runs these tests.
 */
final class ExternalProgram {

	private ExternalProgram() {
	}

	/**
	 * Returns the path of a program, skipping the test if it is not installed.
	 * @param name the program, looked up in {@code /usr/bin} and {@code /usr/sbin} first,
	 * then on the PATH
	 * @param why what the test checks with it
	 * @return the program's path
	 */
	static String require(String name, String why) {
		Path found = find(name);
		assumeTrue(found != null, () -> name + " is not installed: skipping " + why
				+ " (.ci/run installs it with apt-get, so CI runs this test)");
		return found.toString();
	}

	private static @Nullable Path find(String name) {
		for (String directory : new String[] { "/usr/bin", "/usr/sbin" }) {
			Path debian = Path.of(directory, name);
			if (Files.isExecutable(debian)) {
				return debian;
			}
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	/** A running program with its output collected, line by line. */
	static final class Run implements AutoCloseable {

		final Process process;

		private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();

		private final CompletableFuture<String> stdout;

		private final CompletableFuture<String> stderr;

		Run(List<String> command) throws IOException {
			this.process = new ProcessBuilder(command).start();
			this.stdout = collect(this.process.getInputStream(), this.stdoutLines);
			this.stderr = collect(this.process.getErrorStream(), new LinkedBlockingQueue<>());
		}

		static Run start(String... command) throws IOException {
			return new Run(new ArrayList<>(List.of(command)));
		}

		void write(String text) throws IOException {
			this.process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
			this.process.getOutputStream().flush();
		}

		/**
		 * Returns the next line of standard output, waiting at most 10 seconds.
		 * @return the line, or {@code null} if none came
		 */
		@Nullable String nextLine() throws InterruptedException {
			return this.stdoutLines.poll(10, TimeUnit.SECONDS);
		}

		/** Waits for the program to exit (bounded), and returns its standard output. */
		String stdout() throws Exception {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("still running after 30 s; stderr: " + stderr());
			}
			return this.stdout.get(10, TimeUnit.SECONDS);
		}

		String stderr() throws Exception {
			return this.stderr.get(10, TimeUnit.SECONDS);
		}

		private static CompletableFuture<String> collect(InputStream in, BlockingQueue<String> lines) {
			// A thread each: the common pool may have one thread on a small machine.
			CompletableFuture<String> text = new CompletableFuture<>();
			Thread reader = new Thread(() -> {
				StringBuilder all = new StringBuilder();
				try (BufferedReader reader1 = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
					String line;
					while ((line = reader1.readLine()) != null) {
						all.append(line).append('\n');
						lines.add(line);
					}
				}
				catch (IOException ex) {
					// The process was destroyed.
				}
				text.complete(all.toString());
			}, "external-program-output");
			reader.setDaemon(true);
			reader.start();
			return text;
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

}
