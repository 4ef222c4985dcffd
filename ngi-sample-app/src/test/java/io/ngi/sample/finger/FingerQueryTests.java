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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query lines as RFC 1288 writes them.
 */
class FingerQueryTests {

	@Test
	void parsesEveryFormOfTheRfc() {
		assertThat(FingerQuery.parse("")).isEqualTo(new FingerQuery(false, "", null));
		assertThat(FingerQuery.parse("alice")).isEqualTo(new FingerQuery(false, "alice", null));
		assertThat(FingerQuery.parse("/W")).isEqualTo(new FingerQuery(true, "", null));
		assertThat(FingerQuery.parse("/W  alice ")).isEqualTo(new FingerQuery(true, "alice", null));
		assertThat(FingerQuery.parse("/Walice")).isEqualTo(new FingerQuery(false, "/Walice", null));
		assertThat(FingerQuery.parse("alice@host")).isEqualTo(new FingerQuery(false, "alice", "host"));
		assertThat(FingerQuery.parse("/W @a@b")).isEqualTo(new FingerQuery(true, "", "a@b"));
	}

	@Test
	void writesTheLineItWasParsedFrom() {
		for (String line : new String[] { "", "alice", "/W", "/W alice", "alice@host", "/W @host" }) {
			assertThat(FingerQuery.parse(line).toLine()).isEqualTo(line);
		}
	}

}
