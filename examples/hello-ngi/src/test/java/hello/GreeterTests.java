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

package hello;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @NgiTest} slice from {@code ngi-spring-boot-starter-test}: no socket, the
 * application's own properties.
 */
@NgiTest
class GreeterTests {

	@Autowired
	private NgiTestClient ngi;

	@Test
	void greetsEachNameAndRefusesALineOverTheConfiguredLimit() {
		TestConnection client = this.ngi.connect("hello");
		client.write("Ada\n");
		assertThat(client.output()).isEqualTo("-> 'Hello, Ada!\\n'");
		client.write("x".repeat(33) + "\n");
		assertThat(client.output()).isEqualTo("-> CLOSE");
	}

}
