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

package io.ngi.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Makes a {@link io.ngi.UdpHandler} bean an NGI UDP listener that receives datagrams once
 * the application context is refreshed and closes when it closes.
 * <p>
 * Put it on a class (it is a {@link Component}) or on a method of a
 * {@code @Configuration} class (it is a {@link Bean}). Attributes accept {@code ${...}}
 * placeholders; the properties {@code ngi.servers.<name>.*} override them, and the bound
 * port is published as {@code local.ngi.<name>.port}. Names are unique across
 * {@link NgiServer} and {@code @NgiUdpHandler}.
 *
 * {@snippet :
 * &#64;Bean
 * &#64;NgiUdpHandler(name = "log", address = ":9000")
 * UdpHandler log() {
 * 	return (source, message) -> logger.info("{}: {}", source, new String(message, UTF_8));
 * }
 * }
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Bean
public @interface NgiUdpHandler {

	/**
	 * Returns the listener's name, used in {@code ngi.servers.<name>.*},
	 * {@code local.ngi.<name>.port}, metrics tags and the endpoint. Empty means the bean
	 * name.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Returns the address to listen on: {@code "host:port"}, {@code ":port"} or
	 * {@code "[::1]:port"}; port 0 binds a free port. Empty means it must come from
	 * {@code ngi.servers.<name>.address}.
	 * @return the address
	 */
	String address() default "";

}
