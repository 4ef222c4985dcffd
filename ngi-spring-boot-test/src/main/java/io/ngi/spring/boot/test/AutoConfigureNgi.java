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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Runs the application's NGI listeners on a {@link io.ngi.testing.TestingImplementation}
 * instead of real sockets, and adds an {@link NgiTestClient} bean to drive them. Put it
 * on a {@code @SpringBootTest} to test the whole application with no port opened;
 * {@link NgiTest @NgiTest} applies it already.
 * <p>
 * The auto-configurations it imports are listed in
 * {@code META-INF/spring/io.ngi.spring.boot.test.AutoConfigureNgi.imports}. After each
 * test method, handler exceptions recorded by the testing implementation fail the test
 * with the original exception, and connections the test left open are closed.
 *
 * {@snippet :
 * &#64;SpringBootTest
 * &#64;AutoConfigureNgi
 * class ApplicationTests {
 *
 * 	&#64;Autowired
 * 	NgiTestClient ngi;
 *
 * 	&#64;Test
 * 	void echoes() {
 * 		TestConnection client = this.ngi.connect("echo");
 * 		client.write("hi".getBytes(StandardCharsets.UTF_8));
 * 		assertThat(client.output()).isEqualTo("-> 'hi'");
 * 	}
 *
 * }
 * }
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureNgi {

}
