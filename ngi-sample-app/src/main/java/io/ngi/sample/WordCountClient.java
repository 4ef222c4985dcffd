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

package io.ngi.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.ngi.Addresses;
import io.ngi.ClientConnectHandler;
import io.ngi.Implementation;
import io.ngi.NgiException;
import io.ngi.adapters.Lines;
import io.ngi.blocking.Blocking;
import io.ngi.nio.NioImplementation;

/**
 * The sample's client mode, off by default: with {@code ngi.sample.client.file} set, it
 * sends that file to the word-count server at {@code ngi.sample.client.address} with
 * {@link Blocking#request}, prints the answer ({@code "<lines> <words>"}) and makes the
 * application exit, with status 0 on an answer and 1 on an error.
 */
@Component
@ConditionalOnProperty(name = "ngi.sample.client.file")
final class WordCountClient implements CommandLineRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(WordCountClient.class);

	private final Path file;

	private final String address;

	private final Duration timeout;

	private final PrintStream out;

	private volatile int exitCode = 1;

	@Autowired
	WordCountClient(@Value("${ngi.sample.client.file}") String file,
			@Value("${ngi.sample.client.address:127.0.0.1:7002}") String address,
			@Value("${ngi.sample.client.timeout:10s}") Duration timeout) {
		this(Path.of(file), address, timeout, System.out);
	}

	WordCountClient(Path file, String address, Duration timeout, PrintStream out) {
		this.file = Objects.requireNonNull(file, "file");
		this.address = Objects.requireNonNull(address, "address");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.out = Objects.requireNonNull(out, "out");
	}

	/**
	 * Sends the file and prints the answer. Called once by Spring Boot after startup.
	 * @param args ignored
	 */
	@Override
	public void run(String... args) {
		byte[] text;
		try {
			text = Files.readAllBytes(this.file);
		}
		catch (IOException ex) {
			logger.error("wc client: cannot read {}: {}", this.file, ex.toString());
			return;
		}
		try (NioImplementation implementation = NioImplementation.builder()
			.name("ngi-sample-client")
			.loops(1)
			.build()) {
			String answer = count(implementation, Addresses.parse(this.address), text, this.timeout);
			this.out.println(answer);
			this.exitCode = answer.startsWith("error:") ? 1 : 0;
		}
		catch (NgiException ex) {
			logger.error("wc client: no answer from {}: {}", this.address, ex.getMessage());
		}
	}

	/**
	 * Returns the status the application exits with: 0 after an answer, 1 otherwise.
	 * @return the exit status
	 */
	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/**
	 * Sends {@code text} to a word-count server and returns its answer line.
	 * @param implementation the implementation to connect with
	 * @param address the server
	 * @param text the text to count
	 * @param timeout how long the whole request may take
	 * @return the answer without its {@code '\n'}: {@code "<lines> <words>"} or an
	 * {@code "error: ..."} line
	 * @throws NgiException if the server cannot be reached, closes without an answer, or
	 * does not answer in time
	 */
	static String count(Implementation implementation, SocketAddress address, byte[] text, Duration timeout) {
		AtomicReference<@Nullable String> answer = new AtomicReference<>();
		ClientConnectHandler client = Lines.handler((connection, input) -> {
			connection.write(text.length + "\n");
			connection.write(text);
			answer.set(new String(input.next(), StandardCharsets.UTF_8));
		});
		Blocking.request(implementation, address, client, timeout);
		String result = answer.get();
		if (result == null) {
			throw new NgiException("The word-count server at " + address + " closed without an answer");
		}
		return result;
	}

}
