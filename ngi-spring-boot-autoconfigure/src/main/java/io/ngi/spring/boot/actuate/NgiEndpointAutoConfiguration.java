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

package io.ngi.spring.boot.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;

/**
 * Auto-configuration of the {@code ngi} actuator endpoint ({@link NgiEndpoint}), when the
 * actuator is on the class path and the endpoint is available (accessible and exposed).
 */
@AutoConfiguration(after = NgiAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(NgiListenerRegistry.class)
public final class NgiEndpointAutoConfiguration {

	/**
	 * Creates the auto-configuration; Spring calls it.
	 */
	public NgiEndpointAutoConfiguration() {
	}

	// Conditions whose condition class lives in an optional jar go on the method, which
	// is only read once the class-level @ConditionalOnClass matched.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	NgiEndpoint ngiEndpoint(NgiListenerRegistry registry, ObjectProvider<NgiClientRegistry> clients,
			Environment environment) {
		int limit = environment.getProperty("management.endpoint.ngi.connections-limit", Integer.class,
				NgiEndpoint.DEFAULT_CONNECTIONS_LIMIT);
		return new NgiEndpoint(registry, clients.getIfUnique(), limit);
	}

}
