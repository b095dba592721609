// A test LMS for the SCORM packages (tests/e2e/scorm.spec.ts). Query: ?package=<path of index.html>
// [&cmi=<JSON of an earlier session's data, to resume>]. window.lms lets the test make commits
// fail ("error": the API answers "false" and reports an error code; "throw": the API throws) and
// reads what the LMS has persisted: one entry per successful commit.
(function () {
  var params = new URLSearchParams(location.search);
  var settings = { autocommit: false, logLevel: 5 };
  var api12 = new window.Scorm12API(settings);
  var api2004 = new window.Scorm2004API(settings);
  var saved = params.get('cmi');
  var edition = params.get('edition');
  if (saved) (edition === '1.2' ? api12 : api2004).loadFromJSON(JSON.parse(saved));

  var lms = (window.lms = {
    failMode: null,
    failedCommits: 0,
    commits: [],
    calls: [],
    error: null,
    launch: function () {
      document.getElementById('sco').src = params.get('package');
    },
    api: function () {
      return edition === '1.2' ? api12 : api2004;
    },
  });

  // What the LMS keeps after a successful commit.
  function persisted(api) {
    return JSON.parse(JSON.stringify(api.renderCMIToJSONObject()));
  }

  function wrap(api, names, errorCode) {
    var w = {};
    Object.keys(names).forEach(function (role) {
      var name = names[role];
      w[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        lms.calls.push(name + (args[0] ? ' ' + args[0] : ''));
        if (role === 'commit' || role === 'finish') {
          if (lms.failMode === 'error') {
            lms.failedCommits++;
            lms.error = errorCode;
            return 'false';
          }
          if (lms.failMode === 'throw') {
            lms.failedCommits++;
            throw new Error('the LMS did not answer');
          }
        }
        if (role === 'lastError' && lms.error) return lms.error;
        if (role === 'errorString' && lms.error && args[0] === lms.error) return 'General commit failure (test LMS)';
        lms.error = null;
        var result = api[name].apply(api, args);
        if ((role === 'commit' || role === 'finish') && result === 'true') lms.commits.push(persisted(api));
        return result;
      };
    });
    return w;
  }

  window.API = wrap(
    api12,
    {
      init: 'LMSInitialize',
      finish: 'LMSFinish',
      get: 'LMSGetValue',
      set: 'LMSSetValue',
      commit: 'LMSCommit',
      lastError: 'LMSGetLastError',
      errorString: 'LMSGetErrorString',
      diagnostic: 'LMSGetDiagnostic',
    },
    '101',
  );
  window.API_1484_11 = wrap(
    api2004,
    {
      init: 'Initialize',
      finish: 'Terminate',
      get: 'GetValue',
      set: 'SetValue',
      commit: 'Commit',
      lastError: 'GetLastError',
      errorString: 'GetErrorString',
      diagnostic: 'GetDiagnostic',
    },
    '391',
  );
})();
