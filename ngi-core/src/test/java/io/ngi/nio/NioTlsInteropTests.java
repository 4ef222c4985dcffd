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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.TlsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NGI's TLS against clients and servers nobody here wrote: {@code openssl s_client} (TLS
 * 1.2 and 1.3) and Python's {@code ssl} module against an NGI listener, NGI's client
 * against {@code openssl s_server}. Each skips with a message if the program is missing.
 */
class NioTlsInteropTests {

	private final NioImplementation ngi = NioImplementation.builder().name("tls-interop").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	/** Answers the first line in upper case, then closes (close_notify). */
	private Listener upperCaseOnce() {
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((ConnectionHandler) (c, data) -> {
					c.write(new String(data, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT));
					c.close();
				}), ListenOptions.builder().tls(TlsOptions.builder(TlsFixtures.server()).build()).build());
	}

	@ParameterizedTest
	@ValueSource(strings = { "-tls1_2", "-tls1_3" })
	void opensslClient(String version) throws Exception {
		String openssl = ExternalProgram.require("openssl", "the openssl s_client interoperability test");
		Listener listener = upperCaseOnce();
		int port = ((InetSocketAddress) listener.address()).getPort();
		try (ExternalProgram.Run client = ExternalProgram.Run.start(openssl, "s_client", "-connect",
				"127.0.0.1:" + port, version, "-CAfile", TlsFixtures.file("ca.crt").toString(), "-verify_return_error",
				"-verify_hostname", "localhost", "-brief")) {
			client.write("hello from openssl\n");
			String out = client.stdout();
			assertThat(out).contains("HELLO FROM OPENSSL");
			String expected = version.equals("-tls1_2") ? "TLSv1.2" : "TLSv1.3";
			assertThat(client.stderr()).contains("Protocol version: " + expected).contains("Verification: OK");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1_2", "TLSv1_3" })
	void pythonSslModule(String version, @TempDir Path directory) throws Exception {
		String python = ExternalProgram.require("python3", "the Python ssl module interoperability test");
		Listener listener = upperCaseOnce();
		int port = ((InetSocketAddress) listener.address()).getPort();
		Path script = directory.resolve("client.py");
		Files.writeString(script,
				String.join("\n", "import socket, ssl, sys", "context = ssl.create_default_context(cafile=sys.argv[1])",
						"context.minimum_version = context.maximum_version = ssl.TLSVersion." + version,
						"with socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=10) as raw:",
						"    with context.wrap_socket(raw, server_hostname='localhost') as tls:",
						"        tls.sendall(b'hello from python\\n')", "        answer = b''", "        while True:",
						"            chunk = tls.recv(4096)", "            if not chunk:", "                break",
						"            answer += chunk", "        print(tls.version(), answer.decode().strip())", ""));
		try (ExternalProgram.Run client = ExternalProgram.Run.start(python, script.toString(),
				TlsFixtures.file("ca.crt").toString(), Integer.toString(port))) {
			String out = client.stdout();
			assertThat(out.trim()).as(client.stderr())
				.isEqualTo(version.replace("TLSv1_", "TLSv1.") + " HELLO FROM PYTHON");
			assertThat(client.process.exitValue()).isZero();
		}
	}

	@Test
	void ngiClientAgainstOpensslServer() throws Exception {
		String openssl = ExternalProgram.require("openssl", "NGI's TLS client against openssl s_server");
		try (ExternalProgram.Run server = ExternalProgram.Run.start(openssl, "s_server", "-accept", "127.0.0.1:0",
				"-cert", TlsFixtures.file("server.crt").toString(), "-key", TlsFixtures.file("server.key").toString(),
				"-rev", "-naccept", "1")) {
			int port = acceptPort(server);
			Recorder client = new Recorder("hello openssl\n".getBytes(StandardCharsets.US_ASCII));
			this.ngi.connect(new InetSocketAddress("127.0.0.1", port), client,
					ConnectOptions.builder().tls(TlsOptions.builder(TlsFixtures.client()).build()).build());
			Connection connection = client.connection.get(10, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!new String(client.bytes(), StandardCharsets.US_ASCII).contains("lssnepo olleh")
					&& System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(new String(client.bytes(), StandardCharsets.US_ASCII)).contains("lssnepo olleh");
			assertThat(connection.tlsSession().getPeerCertificates()).hasSize(1);
			connection.close();
		}
	}

	/** Reads {@code ACCEPT 127.0.0.1:<port>} from s_server's first lines. */
	private static int acceptPort(ExternalProgram.Run server) throws Exception {
		Pattern accept = Pattern.compile("ACCEPT .*:(\\d+)");
		for (int i = 0; i < 20; i++) {
			String line = server.nextLine();
			if (line == null) {
				break;
			}
			Matcher matcher = accept.matcher(line);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		throw new IllegalStateException("openssl s_server did not say its port: " + server.stderr());
	}

}
