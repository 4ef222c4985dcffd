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

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.spring.boot.test.sample.AuditLog;
import io.ngi.spring.boot.test.sample.DatagramSink;
import io.ngi.spring.boot.test.sample.EchoServer;
import io.ngi.spring.boot.test.sample.FailingServer;
import io.ngi.spring.boot.test.sample.Greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@link NgiTest} attributes that shape the scan and the auto-configuration, each in
 * its own context.
 */
class NgiTestFiltersTests {

	@Nested
	@NgiTest(excludeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = FailingServer.class),
			properties = "ngi.servers.greet.enabled=false")
	class ExcludeFilters {

		@Autowired
		private NgiTestClient ngi;

		@MockitoBean
		private Greeter greeter;

		@MockitoBean
		private DatagramSink sink;

		@Test
		void excludedServerShouldNotBeLoaded() {
			assertThat(this.ngi.listenerNames()).containsExactlyInAnyOrder("echo", "counter", "log", "shout");
		}

	}

	@Nested
	@NgiTest(useDefaultFilters = false,
			includeFilters = { @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = EchoServer.class),
					@Filter(type = FilterType.ASSIGNABLE_TYPE, classes = AuditLog.class) })
	class IncludeFiltersWithoutDefaults {

		@Autowired
		private NgiTestClient ngi;

		@Autowired
		private ApplicationContext context;

		@Test
		void onlyIncludedComponentsShouldBeLoaded() {
			assertThat(this.ngi.listenerNames()).containsExactly("echo");
			assertThat(this.context.getBeanNamesForType(AuditLog.class)).hasSize(1);
			assertThat(this.context.getBeanNamesForType(Greeter.class)).isEmpty();
		}

	}

	@Nested
	@NgiTest(servers = EchoServer.class, excludeAutoConfiguration = NgiAutoConfiguration.class)
	class ExcludeAutoConfiguration {

		@Autowired
		private NgiTestClient ngi;

		@Autowired
		private ApplicationContext context;

		@Test
		void excludedNgiAutoConfigurationShouldLeaveNoRegistry() {
			assertThat(this.context.getBeanNamesForType(NgiListenerRegistry.class)).isEmpty();
			assertThatIllegalStateException().isThrownBy(() -> this.ngi.connect("echo"))
				.withMessageContaining("no NgiListenerRegistry");
		}

	}

}
