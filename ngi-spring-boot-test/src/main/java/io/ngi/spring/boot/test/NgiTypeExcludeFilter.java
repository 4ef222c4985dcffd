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

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import io.ngi.ConnectionHandler;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.spring.annotation.NgiClient;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.annotation.NgiUdpHandler;

/**
 * The component-scan filter of {@link NgiTest}: keeps {@code @NgiServer},
 * {@code @NgiUdpHandler} and {@code @NgiClient} classes and NGI handler types, or, when
 * {@link NgiTest#servers()} names some, those servers and the handler types that are not
 * themselves annotated listeners.
 */
final class NgiTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<NgiTest> {

	private static final Class<?>[] NO_SERVERS = {};

	private static final Set<Class<?>> HANDLER_TYPES = Set.of(Server.class, ConnectionHandler.class, UdpHandler.class);

	private static final Set<Class<?>> LISTENER_ANNOTATIONS = Set.of(NgiServer.class, NgiUdpHandler.class,
			NgiClient.class);

	private static final Set<Class<?>> ALL_INCLUDES;

	static {
		Set<Class<?>> includes = new LinkedHashSet<>(LISTENER_ANNOTATIONS);
		includes.addAll(HANDLER_TYPES);
		ALL_INCLUDES = Set.copyOf(includes);
	}

	private final Class<?>[] servers;

	NgiTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.servers = getAnnotation().getValue("servers", Class[].class).orElse(NO_SERVERS);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return (this.servers.length == 0) ? ALL_INCLUDES : Set.of();
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return new LinkedHashSet<>(Arrays.asList(this.servers));
	}

	@Override
	protected boolean defaultInclude(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
			throws IOException {
		if (super.defaultInclude(metadataReader, metadataReaderFactory)) {
			return true;
		}
		if (this.servers.length == 0) {
			return false;
		}
		for (Class<?> annotation : LISTENER_ANNOTATIONS) {
			if (isTypeOrAnnotated(metadataReader, metadataReaderFactory, annotation)) {
				return false;
			}
		}
		for (Class<?> type : HANDLER_TYPES) {
			if (isTypeOrAnnotated(metadataReader, metadataReaderFactory, type)) {
				return true;
			}
		}
		return false;
	}

}
