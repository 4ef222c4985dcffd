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

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import io.ngi.nio.NioImplementation;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application over real sockets: every listener on a free port of 127.0.0.1,
 * and Actuator over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ngi.ephemeral-ports=true")
class SampleApplicationTests {

	private static final int TIMEOUT_MILLIS = 10_000;

	@Autowired
	private Environment environment;

	@LocalServerPort
	private int httpPort;

	@Autowired
	private NgiClientRegistry clients;

	@Test
	void echoAnswersUpperCasedLines() throws IOException {
		try (Socket socket = connect("echo")) {
			write(socket, "hello out there\nsecond line\n");
			assertThat(readLine(socket)).isEqualTo("HELLO OUT THERE");
			assertThat(readLine(socket)).isEqualTo("SECOND LINE");
		}
	}

	@Test
	void echoOverTlsAnswersWithTheDevelopmentCertificate() throws Exception {
		X509Certificate development;
		try (InputStream in = getClass().getResourceAsStream("/tls/dev.crt")) {
			development = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		trust.setCertificateEntry("dev", development);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		for (String protocol : new String[] { "TLSv1.2", "TLSv1.3" }) {
			try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port("echo-tls")), TIMEOUT_MILLIS);
				socket.setSoTimeout(TIMEOUT_MILLIS);
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				parameters.setProtocols(new String[] { protocol });
				socket.setSSLParameters(parameters);
				write(socket, "over tls\n");
				assertThat(readLine(socket)).isEqualTo("OVER TLS");
				assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
				assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(development);
			}
		}
	}

	@Test
	void echoClosesALineOverTheLimitAndServesOthers() throws IOException {
		try (Socket bad = connect("echo"); Socket good = connect("echo")) {
			write(bad, "x".repeat(2000) + "\n");
			assertThat(bad.getInputStream().read()).isEqualTo(-1);
			write(good, "still here\n");
			assertThat(readLine(good)).isEqualTo("STILL HERE");
		}
	}

	@Test
	void wordCountAnswersTheSeedExample() throws IOException {
		try (Socket socket = connect("wc")) {
			write(socket, "15\nhello out\nthere");
			assertThat(readLine(socket)).isEqualTo("2 3");
		}
	}

	@Test
	void wordCountRejectsBadLengthsAndServesOthers() throws IOException {
		try (Socket notANumber = connect("wc"); Socket tooLong = connect("wc"); Socket good = connect("wc")) {
			write(good, "5\nhel");
			write(notANumber, "five\nhello");
			assertThat(readAll(notANumber)).isEqualTo("error: length must be a number\n");
			write(tooLong, "2000000\n");
			assertThat(readAll(tooLong)).isEqualTo("error: length 2000000 is over the limit of 1048576 bytes\n");
			write(good, "lo");
			assertThat(readLine(good)).isEqualTo("1 1");
		}
	}

	@Test
	void wordCountServesOthersAfterAClientLeavesMidMessage() throws IOException {
		try (Socket leaving = connect("wc")) {
			write(leaving, "100\nonly part");
		}
		try (Socket socket = connect("wc")) {
			write(socket, "2\nhi");
			assertThat(readLine(socket)).isEqualTo("1 1");
		}
	}

	@Test
	void wordCountClientGetsAnAnswer() {
		try (NioImplementation client = NioImplementation.builder().name("test-client").loops(1).build()) {
			String answer = WordCountClient.count(client, new InetSocketAddress("127.0.0.1", port("wc")),
					"Hello\nworld\n".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(TIMEOUT_MILLIS));
			assertThat(answer).isEqualTo("3 2");
		}
	}

	@Test
	void sizedWordCountAnswersWithARecord() throws IOException {
		try (Socket socket = connect("wc-sized")) {
			socket.getOutputStream().write(SizedWordCountTests.frame("hello out\nthere"));
			DataInputStream in = new DataInputStream(socket.getInputStream());
			int length = in.readInt();
			assertThat(length).isEqualTo(4);
			assertThat(new String(in.readNBytes(length), StandardCharsets.US_ASCII)).isEqualTo("2 3\n");
		}
	}

	@Test
	void sizedWordCountClosesAFrameTooLargeAndServesOthers() throws IOException {
		try (Socket bad = connect("wc-sized"); Socket good = connect("wc-sized")) {
			bad.getOutputStream().write(new byte[] { 0x7F, 0, 0, 0 });
			assertThat(bad.getInputStream().read()).isEqualTo(-1);
			good.getOutputStream().write(SizedWordCountTests.frame("hi"));
			DataInputStream in = new DataInputStream(good.getInputStream());
			assertThat(in.readInt()).isEqualTo(4);
			assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("1 1\n");
		}
	}

	@Test
	void udpAcknowledgesEachDatagram() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port("udp"));
			for (String expected : new String[] { "ack 1 5\n", "ack 2 5\n" }) {
				socket.send(new DatagramPacket("hello".getBytes(StandardCharsets.US_ASCII), 5, target));
				DatagramPacket answer = new DatagramPacket(new byte[100], 100);
				socket.receive(answer);
				assertThat(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII))
					.isEqualTo(expected);
			}
		}
	}

	@Test
	void udpAcknowledgesEmptyAndOversizedDatagramsAsReceived() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port("udp"));
			socket.send(new DatagramPacket(new byte[2000], 2000, target));
			assertThat(receive(socket)).isEqualTo("ack 1 1024\n");
			socket.send(new DatagramPacket(new byte[0], 0, target));
			assertThat(receive(socket)).isEqualTo("ack 2 0\n");
		}
	}

	private static String receive(DatagramSocket socket) throws IOException {
		DatagramPacket answer = new DatagramPacket(new byte[100], 100);
		socket.receive(answer);
		return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
	}

	@Test
	void actuatorShowsTheListenersHealthAndMeters() throws Exception {
		try (Socket open = connect("echo")) {
			write(open, "ping\n");
			assertThat(readLine(open)).isEqualTo("PING");
			HttpResponse<String> ngi = get("/actuator/ngi");
			assertThat(ngi.statusCode()).isEqualTo(200);
			assertThat(ngi.body()).contains("\"echo\"", "\"echo-tls\"", "\"wc\"", "\"wc-sized\"", "\"udp\"", "\"kv\"")
				.contains("\"bundle\":\"sample-dev\"");
			// The heartbeat client keeps a connection to echo too.
			await().atMost(Duration.ofSeconds(10)).until(() -> this.clients.client("heartbeat").isConnected());
			assertThat(ngi.body()).contains("\"clients\"", "\"heartbeat\"");
			HttpResponse<String> active = get("/actuator/metrics/ngi.connections.active?tag=listener:echo");
			assertThat(active.statusCode()).isEqualTo(200);
			assertThat(active.body()).contains("\"ngi.connections.active\"").contains("\"value\":2.0");
			HttpResponse<String> connects = get("/actuator/metrics/ngi.client.connects?tag=client:heartbeat");
			assertThat(connects.statusCode()).isEqualTo(200);
			HttpResponse<String> health = get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"ngi\"").contains("\"status\":\"UP\"");
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
			.timeout(Duration.ofMillis(TIMEOUT_MILLIS))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private int port(String name) {
		return this.environment.getRequiredProperty("local.ngi." + name + ".port", Integer.class);
	}

	private Socket connect(String name) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port(name)), TIMEOUT_MILLIS);
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	private static void write(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String readLine(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != '\n') {
			assertThat(b).as("end of stream before a line ended: %s", line).isNotEqualTo(-1);
			line.append((char) b);
		}
		return line.toString();
	}

	private static String readAll(Socket socket) throws IOException {
		return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
