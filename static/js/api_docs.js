// The API's interactive docs (/api/): Swagger UI from the vendored drf-spectacular-sidecar
// files, set up here rather than in an inline script, which the Content-Security-Policy
// forbids. Calls made with "Try it out" use the signed-in session, so every write carries
// the CSRF token, as the app's own pages do; a token typed into "Authorize" is sent instead.
"use strict";
(function () {
  const me = document.currentScript;
  const csrfToken = me.dataset.csrfToken;
  window.addEventListener("DOMContentLoaded", function () {
    window.ui = window.SwaggerUIBundle({
      url: me.dataset.schemaUrl,
      dom_id: "#swagger-ui",
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
      deepLinking: true,
      persistAuthorization: false,
      requestInterceptor: function (request) {
        if (!["GET", "HEAD", "OPTIONS", undefined].includes(request.method)) {
          request.headers["X-CSRFToken"] = csrfToken;
        }
        return request;
      },
    });
  });
})();
