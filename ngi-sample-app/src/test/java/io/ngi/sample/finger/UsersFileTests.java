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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users file on the testing implementation's virtual clock, its reads run in the
 * caller (a direct executor) so that each {@code advance} shows its outcome at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class UsersFileTests {

	private static final Duration PERIOD = Duration.ofSeconds(30);

	private final TestingImplementation ngi = new TestingImplementation();

	private final FingerUsers users = new FingerUsers();

	@TempDir
	private Path directory;

	private UsersFile file;

	@AfterEach
	void close() {
		if (this.file != null) {
			this.file.close();
		}
		this.ngi.rethrowHandlerErrors();
	}

	@Test
	void readsTheFileAtStartSkippingCommentsBlankAndBadLines(CapturedOutput output) throws IOException {
		Path path = write("# users\n\nalice: Happy and well \r\nbob:Gone: fishing\nno colon\n:nobody\nb@d:x\nzoë:x\n");
		start(path, Runnable::run);
		assertThat(this.users.all()).containsExactly(Map.entry("alice", "Happy and well"),
				Map.entry("bob", "Gone: fishing"));
		assertThat(output).contains("2 users", "line 5, line 6, line 7, line 8 skipped");
	}

	@Test
	void rereadsTheFileEveryPeriodOnTheImplementationsTimer() throws IOException {
		Path path = write("alice:Happy and well\n");
		start(path, Runnable::run);
		Files.writeString(path, "alice:Gone fishing\n");
		this.ngi.advance(PERIOD.minusMillis(1));
		assertThat(this.file.checks()).isZero();
		assertThat(this.users.status("alice")).isEqualTo("Happy and well");
		this.ngi.advance(Duration.ofMillis(1));
		assertThat(this.file.checks()).isOne();
		assertThat(this.users.status("alice")).isEqualTo("Gone fishing");
		Files.writeString(path, "alice:Back\n");
		this.ngi.advance(PERIOD);
		assertThat(this.file.checks()).isEqualTo(2);
		assertThat(this.users.status("alice")).isEqualTo("Back");
	}

	@Test
	void keepsTheLastGoodUsersAndLogsAProblemOncePerChange(CapturedOutput output) throws IOException {
		Path path = write("alice:Happy and well\n");
		start(path, Runnable::run);
		Files.delete(path);
		this.ngi.advance(PERIOD.multipliedBy(3));
		assertThat(this.users.status("alice")).isEqualTo("Happy and well");
		assertThat(count(output, "is missing; keeping the last good users (1)")).isOne();
		Files.createDirectory(path);
		this.ngi.advance(PERIOD.multipliedBy(2));
		assertThat(count(output, "cannot be read: java.io.IOException: Is a directory")).isOne();
		Files.delete(path);
		Files.write(path, new byte[] { 'a', ':', (byte) 0xff, '\n' });
		this.ngi.advance(PERIOD.multipliedBy(2));
		assertThat(count(output, "is not UTF-8 text; keeping the last good users")).isOne();
		Files.write(path, new byte[UsersFile.MAX_SIZE + 1]);
		this.ngi.advance(PERIOD);
		assertThat(output).contains("is over 1048576 bytes; keeping the last good users");
		assertThat(this.users.status("alice")).isEqualTo("Happy and well");
		Files.writeString(path, "alice:Back\n");
		this.ngi.advance(PERIOD.multipliedBy(2));
		assertThat(count(output, "is readable again")).isOne();
		assertThat(this.users.status("alice")).isEqualTo("Back");
	}

	@Test
	void aMissingFileAtStartMeansNoUsersUntilItAppears(CapturedOutput output) throws IOException {
		Path path = this.directory.resolve("later.txt");
		start(path, Runnable::run);
		assertThat(this.users.all()).isEmpty();
		assertThat(output).contains("is missing; keeping the last good users (0)");
		Files.writeString(path, "alice:Here now\n");
		this.ngi.advance(PERIOD);
		assertThat(this.users.status("alice")).isEqualTo("Here now");
	}

	@Test
	void readsRunOnTheReaderAndNeverPileUp() throws IOException {
		Path path = write("alice:Happy and well\n");
		List<Runnable> queued = new ArrayList<>();
		start(path, queued::add);
		Files.writeString(path, "alice:Gone fishing\n");
		this.ngi.advance(PERIOD);
		assertThat(queued).hasSize(1);
		assertThat(this.users.status("alice")).isEqualTo("Happy and well");
		this.ngi.advance(PERIOD.multipliedBy(3));
		assertThat(this.file.checks()).isEqualTo(4);
		assertThat(queued).hasSize(1);
		queued.remove(0).run();
		assertThat(this.users.status("alice")).isEqualTo("Gone fishing");
		this.ngi.advance(PERIOD);
		assertThat(queued).hasSize(1);
	}

	@Test
	void closeStopsTheTimer() throws IOException {
		start(write("alice:Happy and well\n"), Runnable::run);
		this.file.close();
		this.file.close();
		this.ngi.advance(PERIOD.multipliedBy(2));
		assertThat(this.file.checks()).isZero();
		assertThat(this.file.reads()).isOne();
	}

	private void start(Path path, java.util.concurrent.Executor reader) {
		this.file = new UsersFile(path, PERIOD, this.users, this.ngi, reader).start();
	}

	private Path write(String content) throws IOException {
		return Files.writeString(this.directory.resolve("users.txt"), content);
	}

	private static int count(CapturedOutput output, String text) {
		return output.getAll().split(java.util.regex.Pattern.quote(text), -1).length - 1;
	}

}
