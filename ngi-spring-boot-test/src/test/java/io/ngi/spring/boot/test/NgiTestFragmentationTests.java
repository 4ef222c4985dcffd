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

package io.ngi.spring.boot.test;

import org.junit.jupiter.api.Test;

import io.ngi.testing.Fragmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@code @NgiTest(fragmentation = ...)} (the property {@code ngi.test.fragmentation})
 * is read.
 */
class NgiTestFragmentationTests {

	@Test
	void namesAreReadInAnyCase() {
		assertThat(NgiTestingAutoConfiguration.fragmentation("NONE")).isEqualTo(Fragmentation.NONE);
		assertThat(NgiTestingAutoConfiguration.fragmentation("bytes")).isEqualTo(Fragmentation.BYTES);
		assertThat(NgiTestingAutoConfiguration.fragmentation(" Random(42) ")).isEqualTo(Fragmentation.random(42));
		assertThat(NgiTestingAutoConfiguration.fragmentation("RANDOM(-7)")).isEqualTo(Fragmentation.random(-7));
	}

	@Test
	void anythingElseFailsNamingTheValueAndWhatIsAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> NgiTestingAutoConfiguration.fragmentation("RANDOM"))
			.withMessage("ngi.test.fragmentation must be NONE, BYTES or RANDOM(<seed>), such as RANDOM(42): 'RANDOM'");
	}

}
