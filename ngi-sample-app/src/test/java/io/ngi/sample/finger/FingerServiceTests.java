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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finger service as the tutorial builds it, in the {@code @NgiTest} slice with the
 * listeners of {@code application.yml}: every behaviour is a transcript of what a client
 * sends and gets. The proxy asks the slice's own {@code finger} listener, in memory.
 */
@NgiTest
@Import(FingerConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class FingerServiceTests {

	static final String USERS = "# the tutorial's users\nalice:Happy and well\nbob:Gone fishing\nmoshez:Happy and well\n";

	private static final Path USERS_FILE = usersFile();

	@Autowired
	private NgiTestClient ngi;

	@DynamicPropertySource
	static void usersFile(DynamicPropertyRegistry registry) {
		registry.add("ngi.sample.finger.users-file", USERS_FILE::toString);
	}

	@Test
	void sliceHasTheThreeFingerListeners() {
		assertThat(this.ngi.listenerNames()).contains("finger", "finger-setter", "finger-proxy");
	}

	@Test
	void fingerAnswersAUsersStatusAndCloses() {
		assertThat(finger("finger", "moshez\r\n")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerAnswersNoSuchUser() {
		assertThat(finger("finger", "nobody\r\n")).isEqualTo("-> 'No such user\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerTakesAQueryEndedByALineFeedAlone() {
		assertThat(finger("finger", "bob\n")).isEqualTo("-> 'Gone fishing\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerListsTheUsersForAnEmptyQuery() {
		assertThat(finger("finger", "\r\n")).isEqualTo(
				"-> 'alice   Happy and well\\r\\nbob     Gone fishing\\r\\nmoshez  Happy and well\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerAcceptsTheVerbosePrefix() {
		assertThat(finger("finger", "/W moshez\r\n")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
		assertThat(finger("finger", "/W\r\n")).startsWith("-> 'alice   Happy and well\\r\\n");
	}

	@Test
	void fingerRefusesToForwardAQuery() {
		assertThat(finger("finger", "moshez@example.com\r\n"))
			.isEqualTo("-> 'Finger forwarding service denied\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerAnswersOneQueryAndIgnoresTheRest() {
		assertThat(finger("finger", "moshez\r\nbob\r\n\u0000garbage")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerRefusesALineOver512Bytes(CapturedOutput output) {
		assertThat(finger("finger", "x".repeat(512) + "\r\n")).isEqualTo("-> 'No such user\\r\\n'\n-> CLOSE");
		assertThat(finger("finger", "x".repeat(513))).isEqualTo("-> 'Query over 512 bytes refused\\r\\n'\n-> CLOSE");
		assertThat(finger("finger", "x".repeat(600) + "\r\n"))
			.isEqualTo("-> 'Query over 512 bytes refused\\r\\n'\n-> CLOSE");
		assertThat(output).contains("sent a query that is over 512 bytes (over the limit); refused");
		assertThat(finger("finger", "moshez\r\n")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerRefusesAQueryThatIsNotText(CapturedOutput output) {
		String refused = "-> 'Query not text refused\\r\\n'\n-> CLOSE";
		assertThat(finger("finger", new byte[] { 'a', 0, 1, 2 })).isEqualTo(refused);
		assertThat(finger("finger", new byte[] { (byte) 0xff, (byte) 0xfe, '\r', '\n' })).isEqualTo(refused);
		assertThat(finger("finger", "mos\rhez\r\n")).isEqualTo(refused);
		assertThat(finger("finger", "\u001b[2J\r\n")).isEqualTo(refused);
		assertThat(finger("finger", "mos\u0085hez\r\n")).isEqualTo(refused);
		assertThat(output).contains("(control byte 0x00); refused", "(not UTF-8); refused",
				"(a carriage return not followed by a line feed); refused");
		assertThat(finger("finger", "zoë\r\n")).isEqualTo("-> 'No such user\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerLogsAClientThatLeavesInTheMiddleOfItsQuery(CapturedOutput output) {
		TestConnection client = this.ngi.connect("finger");
		client.write(bytes("mosh"));
		client.close();
		assertThat(output).contains("finger: ", "left in the middle of its query, after 4 bytes: closed");
		assertThat(finger("finger", "moshez\r\n")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
	}

	@Test
	void fingerClosesAClientSilentForTenSeconds() {
		TestConnection client = this.ngi.connect("finger");
		this.ngi.advance(Duration.ofMillis(9_999));
		assertThat(client.isOpen()).isTrue();
		this.ngi.advance(Duration.ofMillis(1));
		assertThat(client.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void setterSetsAStatusThatFingerAnswers() {
		try {
			TestConnection setter = this.ngi.connect("finger-setter");
			setter.write(bytes("bob Out to lunch\r\n"));
			assertThat(setter.output()).isEqualTo("-> 'ok\\r\\n'");
			assertThat(finger("finger", "bob\r\n")).isEqualTo("-> 'Out to lunch\\r\\n'\n-> CLOSE");
			setter.write(bytes("bob   Back  at work \n"));
			assertThat(setter.output()).isEqualTo("-> 'ok\\r\\n'");
			assertThat(finger("finger", "bob\r\n")).isEqualTo("-> 'Back  at work\\r\\n'\n-> CLOSE");
		}
		finally {
			setBack("bob", "Gone fishing");
		}
	}

	@Test
	void setterAnswersAnErrorForABadLineAndGoesOn() {
		TestConnection setter = this.ngi.connect("finger-setter");
		setter.write(bytes("bob\r\n"));
		assertThat(setter.output()).isEqualTo("-> 'error: expected \"<user> <status>\"\\r\\n'");
		setter.write(bytes("b@d Somewhere\r\n\r\n"));
		assertThat(setter.output())
			.isEqualTo("-> \"error: a user name is 1 to 32 letters, digits, '.', '_' or '-'\\r\\n\"");
		setter.write(bytes("bob Gone fishing\r\n"));
		assertThat(setter.output()).isEqualTo("-> 'ok\\r\\n'");
		assertThat(setter.isOpen()).isTrue();
	}

	@Test
	void setterRefusesALineOver512BytesOrNotTextAndCloses() {
		TestConnection tooLong = this.ngi.connect("finger-setter");
		tooLong.write(bytes("bob " + "x".repeat(600) + "\r\n"));
		assertThat(tooLong.output()).isEqualTo("-> 'error: line over 512 bytes refused\\r\\n'\n-> CLOSE");
		TestConnection binary = this.ngi.connect("finger-setter");
		binary.write(new byte[] { 'b', 'o', 'b', ' ', 0x1b, 0x7f });
		assertThat(binary.output()).isEqualTo("-> 'error: line not text refused\\r\\n'\n-> CLOSE");
		assertThat(finger("finger", "bob\r\n")).isEqualTo("-> 'Gone fishing\\r\\n'\n-> CLOSE");
	}

	@Test
	void proxyAnswersThroughTheFingerListener() {
		assertThat(finger("finger-proxy", "moshez\r\n")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
		assertThat(finger("finger-proxy", "nobody\r\n")).isEqualTo("-> 'No such user\\r\\n'\n-> CLOSE");
		assertThat(finger("finger-proxy", "/W moshez\r\n")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
		assertThat(finger("finger-proxy", "\r\n")).isEqualTo(
				"-> 'alice   Happy and well\\r\\nbob     Gone fishing\\r\\nmoshez  Happy and well\\r\\n'\n-> CLOSE");
	}

	@Test
	void proxyRefusesWhatFingerRefuses() {
		assertThat(finger("finger-proxy", "moshez@example.com\r\n"))
			.isEqualTo("-> 'Finger forwarding service denied\\r\\n'\n-> CLOSE");
		assertThat(finger("finger-proxy", "x".repeat(513)))
			.isEqualTo("-> 'Query over 512 bytes refused\\r\\n'\n-> CLOSE");
		assertThat(finger("finger-proxy", new byte[] { 0, 1 }))
			.isEqualTo("-> 'Query not text refused\\r\\n'\n-> CLOSE");
	}

	@Test
	void proxyAnswersAClientThatHalfClosedAfterItsQuery() {
		TestConnection client = this.ngi.connect("finger-proxy");
		client.write(bytes("mosh"));
		client.write(bytes("ez\r\n"));
		client.shutdownOutput();
		assertThat(client.output()).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
	}

	private void setBack(String user, String status) {
		TestConnection setter = this.ngi.connect("finger-setter");
		setter.write(bytes(user + " " + status + "\r\n"));
		assertThat(setter.output()).isEqualTo("-> 'ok\\r\\n'");
		setter.close();
	}

	private String finger(String listener, String query) {
		return finger(listener, bytes(query));
	}

	private String finger(String listener, byte[] query) {
		TestConnection client = this.ngi.connect(listener);
		client.write(query);
		return client.output();
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Path usersFile() {
		try {
			Path file = Files.createTempFile("finger-users", ".txt");
			file.toFile().deleteOnExit();
			Files.writeString(file, USERS);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
