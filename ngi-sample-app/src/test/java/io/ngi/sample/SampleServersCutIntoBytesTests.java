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

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.Fragmentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link SampleServersTests} scenario again, with each write reaching the servers
 * one byte at a time ({@code @NgiTest(fragmentation = "BYTES")}): the sample's framing
 * does not depend on where the network cuts a stream.
 */
@NgiTest(fragmentation = "BYTES")
@Import(SampleServers.class)
class SampleServersCutIntoBytesTests extends SampleServersTests {

	@Autowired
	private NgiTestClient client;

	@Test
	void writesAreCutIntoBytes() {
		assertThat(this.client.implementation().fragmentation()).isEqualTo(Fragmentation.BYTES);
	}

}
