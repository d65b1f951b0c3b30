// The example host page's own script: it reacts to the app's events, as a portal would.
for (const name of ['customer-created', 'customer-updated']) {
  document.addEventListener(name, (event) => {
    const customer = event.detail;
    document.getElementById('last-event').textContent =
      `${name}: ${customer.companyProfile.companyName} (${customer.companyProfile.domain})`;
  });
}
