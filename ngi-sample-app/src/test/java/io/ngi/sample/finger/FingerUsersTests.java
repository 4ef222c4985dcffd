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

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The latest change wins between the users file and the setter.
 */
class FingerUsersTests {

	private final FingerUsers users = new FingerUsers();

	@Test
	void aStatusSetStaysWhileTheFileLeavesTheUsersLineAsItWas() {
		this.users.replaceFileUsers(Map.of("alice", "Happy and well", "bob", "Gone fishing"));
		this.users.set("alice", "At lunch");
		this.users.replaceFileUsers(Map.of("alice", "Happy and well", "bob", "Back"));
		assertThat(this.users.status("alice")).isEqualTo("At lunch");
		assertThat(this.users.status("bob")).isEqualTo("Back");
	}

	@Test
	void aChangeOfTheUsersLineInTheFileReplacesTheStatusSet() {
		this.users.replaceFileUsers(Map.of("alice", "Happy and well"));
		this.users.set("alice", "At lunch");
		this.users.replaceFileUsers(Map.of("alice", "On holiday"));
		assertThat(this.users.status("alice")).isEqualTo("On holiday");
		this.users.set("alice", "Back");
		this.users.replaceFileUsers(Map.of());
		assertThat(this.users.status("alice")).isNull();
	}

	@Test
	void aUserSetButNotInTheFileStaysAcrossReloads() {
		this.users.set("carol", "New here");
		this.users.replaceFileUsers(Map.of("alice", "Happy and well"));
		assertThat(this.users.all()).containsExactly(Map.entry("alice", "Happy and well"),
				Map.entry("carol", "New here"));
	}

	@Test
	void theSetterAddsAtMostTenThousandUsers() {
		for (int i = 0; i < FingerUsers.MAX_SET_USERS; i++) {
			assertThat(this.users.set("user" + i, "here")).isTrue();
		}
		assertThat(this.users.set("one-more", "here")).isFalse();
		assertThat(this.users.set("user0", "still settable")).isTrue();
		assertThat(this.users.all()).hasSize(FingerUsers.MAX_SET_USERS);
	}

	@Test
	void userNamesAreLoginNames() {
		assertThat(FingerUsers.isValidName("alice.b-c_1")).isTrue();
		assertThat(FingerUsers.isValidName("")).isFalse();
		assertThat(FingerUsers.isValidName("a".repeat(33))).isFalse();
		assertThat(FingerUsers.isValidName("b@d")).isFalse();
		assertThat(FingerUsers.isValidName("/W")).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> this.users.set("b d", "x"))
			.withMessage("user must be a valid user name: b d");
	}

}
