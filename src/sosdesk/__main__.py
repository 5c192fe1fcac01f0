from sosdesk.cli import main

raise SystemExit(main())
