// Starts Swagger UI on the document named by #swagger-ui's data-url. Every
// file comes from the Tina4 binary: no CDN, and no online validator badge.
window.onload = function () {
  var el = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: el.getAttribute("data-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
  });
};
