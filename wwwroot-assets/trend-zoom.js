// Drag on a trend chart to zoom (History/Pages/TrendPage.razor): a pointer drag across a chart's plot selects a span
// of its time axis (shaded while dragging); on release the page is told the span as fractions of the plot's width,
// 0 to 1, and shows that range. A click without a drag does nothing. The custom range inputs are the keyboard's way.
(() => {
  'use strict';

  const minPixels = 5;

  function attach(plot, page) {
    if (plot.scTrendZoom) { plot.scTrendZoom.page = page; return; }
    const state = { page: page, startX: null, pointer: null };
    plot.scTrendZoom = state;
    const selection = plot.querySelector('.trend-selection');
    const xOf = e => Math.min(Math.max(e.clientX - plot.getBoundingClientRect().left, 0), plot.clientWidth);
    const show = (a, b) => {
      if (!selection) return;
      selection.hidden = false;
      selection.style.left = Math.min(a, b) + 'px';
      selection.style.width = Math.abs(b - a) + 'px';
    };
    const end = () => {
      state.startX = null;
      state.pointer = null;
      if (selection) selection.hidden = true;
    };

    plot.addEventListener('pointerdown', e => {
      if (e.button !== 0) return;
      state.startX = xOf(e);
      state.pointer = e.pointerId;
      plot.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    plot.addEventListener('pointermove', e => {
      if (state.pointer !== e.pointerId || state.startX === null) return;
      show(state.startX, xOf(e));
    });
    plot.addEventListener('pointerup', e => {
      if (state.pointer !== e.pointerId || state.startX === null) return;
      const a = state.startX, b = xOf(e), width = plot.clientWidth;
      end();
      if (Math.abs(b - a) < minPixels || width <= 0) return;
      state.page.invokeMethodAsync('ZoomTo', Math.min(a, b) / width, Math.max(a, b) / width);
    });
    plot.addEventListener('pointercancel', end);
    plot.addEventListener('lostpointercapture', () => { if (state.startX !== null) end(); });
  }

  window.scTrendZoom = {
    // Every chart plot on the page; plots drawn before keep their listeners and get the page's newest reference.
    attachAll: page => document.querySelectorAll('.trend-plot').forEach(plot => attach(plot, page)),
  };
})();
