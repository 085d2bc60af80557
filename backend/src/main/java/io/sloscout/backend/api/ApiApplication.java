package io.sloscout.backend.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API's root: every resource lives under {@code /api/v1}. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
    info = @Info(title = "SLO-Scout API", version = "v1"),
    security = @SecurityRequirement(name = ApiApplication.TOKEN))
@SecurityScheme(
    securitySchemeName = ApiApplication.TOKEN,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "An API token: Authorization: Bearer <token>. Stored as a SHA-256 hash.")
public class ApiApplication extends Application {

  /** The name of the API token security scheme. */
  public static final String TOKEN = "apiToken";
}
