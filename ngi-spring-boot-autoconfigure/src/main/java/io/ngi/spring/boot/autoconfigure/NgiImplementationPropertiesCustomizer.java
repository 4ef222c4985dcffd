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

package io.ngi.spring.boot.autoconfigure;

import org.springframework.core.Ordered;

import io.ngi.nio.NioImplementation;

/**
 * Applies {@code ngi.loops}, {@code ngi.output.*} and {@code ngi.loop.blocked-threshold}
 * to the implementation builder, at order 0 so that the application's customizers come
 * after it.
 */
final class NgiImplementationPropertiesCustomizer implements NgiImplementationCustomizer, Ordered {

	private final NgiProperties properties;

	NgiImplementationPropertiesCustomizer(NgiProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(NioImplementation.Builder builder) {
		NgiProperties.Output output = this.properties.getOutput();
		builder.loops(this.properties.effectiveLoops())
			.outputHighWaterMark(output.getHighWaterMark().toBytes())
			.outputLowWaterMark(output.getLowWaterMark().toBytes())
			.outputLimit(output.getLimit().toBytes())
			.blockedLoopThreshold(this.properties.getLoop().getBlockedThreshold());
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
