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

import io.ngi.nio.NioImplementation;

/**
 * Customizes the builder of the auto-configured {@link NioImplementation}, as Boot's
 * {@code WebServerFactoryCustomizer} does for web servers. Every customizer bean is
 * applied, in {@link org.springframework.core.annotation.Order @Order}, to the builder
 * the {@code NioImplementation.Builder} bean hands out; the one that applies
 * {@code ngi.*} ({@code ngi.loops}, {@code ngi.output.*},
 * {@code ngi.loop.blocked-threshold}) has order 0, so a customizer with a later order
 * (the default) overrides the properties.
 * <p>
 * An application that defines its own {@code Implementation} bean keeps the properties
 * and customizers by building it from the injected builder:
 *
 * {@snippet :
 * &#64;Bean
 * NioImplementation ngiImplementation(NioImplementation.Builder builder) {
 * 	return builder.name("edge-loop").build();
 * }
 * }
 */
@FunctionalInterface
public interface NgiImplementationCustomizer {

	/**
	 * Customizes the builder. Called once per builder, on the thread creating the bean.
	 * @param builder the builder, with the properties applied before this customizer when
	 * its order is later than 0
	 */
	void customize(NioImplementation.Builder builder);

}
