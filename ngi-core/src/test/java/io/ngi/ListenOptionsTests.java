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

package io.ngi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link ListenOptions}: the defaults and the rejection of values no listener could use.
 */
class ListenOptionsTests {

	@Test
	void defaultsAreBacklog255NoConnectionLimitAnd4096ByteDatagrams() {
		ListenOptions defaults = ListenOptions.defaults();
		assertThat(defaults.backlog()).isEqualTo(255).isEqualTo(ListenOptions.DEFAULT_BACKLOG);
		assertThat(defaults.maxConnections()).isEqualTo(Integer.MAX_VALUE);
		assertThat(defaults.udpBufferSize()).isEqualTo(4096);
		assertThat(defaults.observer()).isSameAs(ListenerObserver.NONE);
		assertThat(ListenOptions.builder().build().backlog()).isEqualTo(255);
	}

	@Test
	void builderKeepsValidValues() {
		ListenOptions options = ListenOptions.builder().backlog(1).maxConnections(1).udpBufferSize(65535).build();
		assertThat(options.backlog()).isEqualTo(1);
		assertThat(options.maxConnections()).isEqualTo(1);
		assertThat(options.udpBufferSize()).isEqualTo(65535);
	}

	@Test
	void backlogMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> ListenOptions.builder().backlog(0))
			.withMessage("backlog must be > 0: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ListenOptions.builder().backlog(-5))
			.withMessage("backlog must be > 0: -5");
	}

	@Test
	void maxConnectionsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> ListenOptions.builder().maxConnections(0))
			.withMessage("maxConnections must be > 0: 0");
	}

	@Test
	void udpBufferSizeMustFitADatagram() {
		assertThatIllegalArgumentException().isThrownBy(() -> ListenOptions.builder().udpBufferSize(0))
			.withMessage("udpBufferSize must be between 1 and 65535: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ListenOptions.builder().udpBufferSize(65536))
			.withMessage("udpBufferSize must be between 1 and 65535: 65536");
	}

	@Test
	void observerMustNotBeNull() {
		assertThatNullPointerException().isThrownBy(() -> ListenOptions.builder().observer(null))
			.withMessage("observer");
	}

}
