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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.TestConnection;

import static io.ngi.sample.finger.FingerServiceTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The periodic reload in the {@code @NgiTest} slice, as configured (30 s), on virtual
 * time: the timer is the implementation's, so {@code advance} drives it; the read itself
 * runs on the reader thread, so the test waits (bounded) for it to end. This class is the
 * only one to move its context's clock, by whole periods, so the timer's phase is known.
 */
@NgiTest
@Import(FingerConfiguration.class)
class FingerReloadTests {

	private static final Duration PERIOD = Duration.ofSeconds(30);

	private static Path file;

	@Autowired
	private NgiTestClient ngi;

	@Autowired
	private UsersFile usersFile;

	@DynamicPropertySource
	static void usersFile(DynamicPropertyRegistry registry) throws IOException {
		file = Files.createTempFile("finger-reload", ".txt");
		Files.writeString(file, "alice:Happy and well\n");
		registry.add("ngi.sample.finger.users-file", file::toString);
	}

	@AfterAll
	static void deleteFile() throws IOException {
		Files.deleteIfExists(file);
	}

	@Test
	void fingerAnswersFromTheChangedFileAfterOnePeriod() throws IOException {
		assertThat(finger("alice")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
		Files.writeString(file, "alice:Gone fishing\ndave:New here\n");
		long checks = this.usersFile.checks();
		long reads = this.usersFile.reads();
		this.ngi.advance(PERIOD.minusMillis(1));
		assertThat(this.usersFile.checks()).isEqualTo(checks);
		assertThat(finger("alice")).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
		this.ngi.advance(Duration.ofMillis(1));
		assertThat(this.usersFile.checks()).isEqualTo(checks + 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.usersFile.reads() > reads);
		assertThat(finger("alice")).isEqualTo("-> 'Gone fishing\\r\\n'\n-> CLOSE");
		assertThat(finger("dave")).isEqualTo("-> 'New here\\r\\n'\n-> CLOSE");
	}

	private String finger(String user) {
		TestConnection client = this.ngi.connect("finger");
		client.write(bytes(user + "\r\n"));
		return client.output();
	}

}
